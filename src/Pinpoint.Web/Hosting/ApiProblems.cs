using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Pinpoint.Web.Hosting;

/// <summary>The ProblemDetails shapes every API answers with.</summary>
public static class ApiProblems
{
    /// <summary>422 with field-level errors keyed like the request's JSON (or form) fields.</summary>
    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request has invalid fields.",
            Detail = string.Join(" ", errors.SelectMany(p => p.Value)),
        });

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>
    /// Title and detail for a status set without a body (by routing, authentication, a limit, the framework reading a
    /// body): what went wrong and what to send instead, so no /api answer is a bare status.
    /// </summary>
    public static (string Title, string Detail) ForStatus(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        var detail = status switch
        {
            StatusCodes.Status400BadRequest => "The request could not be read: its framing or body is malformed (for example a broken chunked body).",
            StatusCodes.Status401Unauthorized => "Sign in first: this endpoint needs a signed-in account (the session may have ended).",
            StatusCodes.Status403Forbidden => "Your account may not do this.",
            StatusCodes.Status404NotFound => "Nothing is at this address. /openapi/v1.json lists the API.",
            StatusCodes.Status405MethodNotAllowed => $"This address does not take {context.Request.Method}.",
            StatusCodes.Status406NotAcceptable => "The API answers in JSON only.",
            StatusCodes.Status408RequestTimeout => "The request's body arrived too slowly.",
            StatusCodes.Status413PayloadTooLarge => context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
                ? string.Create(CultureInfo.InvariantCulture, $"The body is larger than this endpoint reads ({limit:N0} bytes at most).")
                : "The body is larger than this endpoint reads.",
            StatusCodes.Status414UriTooLong => string.Create(CultureInfo.InvariantCulture,
                $"The address is longer than the {RequestLimits.MaxUrlLength:N0} characters read: send large values in a JSON body."),
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON (Content-Type: application/json).",
            StatusCodes.Status429TooManyRequests => "Too many requests: wait as long as Retry-After says, then try again.",
            StatusCodes.Status431RequestHeaderFieldsTooLarge => string.Create(CultureInfo.InvariantCulture,
                $"The request's headers are too large: at most {RequestLimits.MaxHeaderCount} header lines of {RequestLimits.MaxHeaderBytes:N0} bytes in all (cookies included)."),
            >= 500 => "Something went wrong on our side; quote the traceId if you contact us.",
            _ => string.Create(CultureInfo.InvariantCulture, $"The request was answered with status {status}."),
        };
        // RFC 9110's name where the framework's table still has the older one.
        var title = status == StatusCodes.Status413PayloadTooLarge ? "Content Too Large"
            : ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
        return (title, detail);
    }
}
