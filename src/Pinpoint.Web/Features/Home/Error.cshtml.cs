using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Home;

/// <summary>
/// The friendly error page. The pipeline re-executes it for error status codes (<c>/error/404</c>) and, outside
/// Development, for unhandled exceptions (<c>/error</c>); it can also be opened directly.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; } = StatusCodes.Status500InternalServerError;

    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    /// <summary>Server errors show the request id, so support can find the log entry; nothing else is disclosed.</summary>
    public bool ShowRequestId => Status >= 500;

    public string RequestId => HttpContext.TraceIdentifier;

    // Runs for every HTTP method, also when no handler method matches (a re-executed POST, PUT or DELETE).
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null ||
                         HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        var requested = RouteData.Values.TryGetValue("code", out var value) &&
                        int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None,
                            CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : (int?)null;

        if (!reExecuted && requested is not null)
        {
            // A made-up code (/error/123) is a page that does not exist.
            Response.StatusCode = requested is >= 400 and <= 599 ? requested.Value : StatusCodes.Status404NotFound;
        }

        Status = Response.StatusCode >= 400 ? Response.StatusCode : StatusCodes.Status500InternalServerError;
        (Heading, Explanation) = Status switch
        {
            StatusCodes.Status404NotFound => ("We couldn’t find that page",
                "The link may be out of date, or there may be a typo in the address. The pages below are a good place to start again."),
            StatusCodes.Status403Forbidden => ("You can’t open that page",
                "Your account doesn’t have access to it. If you think it should, please contact the Pinpoint team."),
            StatusCodes.Status401Unauthorized => ("Please log in first",
                "You need to be logged in to see that page."),
            StatusCodes.Status400BadRequest or StatusCodes.Status405MethodNotAllowed => ("That request didn’t work",
                "Something in it was missing or not quite right. If you were sending a form, go back, reload the page and try again."),
            StatusCodes.Status413PayloadTooLarge => ("That was too much to send",
                "What you sent is larger than we accept. If you were uploading a file, choose a smaller one (photos up to 2 MB, documents up to 5 MB)."),
            StatusCodes.Status414UriTooLong => ("That address is too long",
                "The link is longer than we can read; it may have been cut or pasted twice. Start again from one of the pages below."),
            StatusCodes.Status431RequestHeaderFieldsTooLarge => ("Your browser sent too much",
                "Your browser sent more cookies or headers than we accept. Clearing this site’s cookies usually fixes it."),
            StatusCodes.Status429TooManyRequests => ("Too many requests",
                "You’ve sent a lot of requests in a short time. Please wait a minute, then try again."),
            >= 500 => ("Something went wrong on our side",
                "It wasn’t anything you did. Please try again in a few minutes. If it keeps happening, let us know and quote the request ID below."),
            _ => ("We couldn’t complete that request",
                "Please go back and try again, or start again from one of the pages below."),
        };
    }
}
