using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Pinpoint.Web.Hosting;

/// <summary>The response headers and request checks every part of the app shares.</summary>
public static class HardeningMiddleware
{
    /// <summary>
    /// Scripts and styles from this site only, no inline script; inline style attributes stay allowed for the two
    /// progress bars whose width is data. Nothing may frame the app or post its forms elsewhere.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] SimpleContentTypes = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.OnStarting(static state =>
        {
            // Anything said to a signed-in person, and every API answer, is theirs alone: no shared or browser cache
            // keeps it, unless the endpoint said otherwise (public portraits, the catalogue).
            var http = (HttpContext)state;
            if (!http.Response.Headers.ContainsKey("Cache-Control") &&
                (http.User.Identity?.IsAuthenticated == true || http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)))
            {
                http.Response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    /// <summary>
    /// Outside Development every cookie is Secure, so the app must be reached over HTTPS: directly, or through a proxy
    /// named in <c>ForwardedHeaders</c> that says so with <c>X-Forwarded-Proto</c>. Any other request (a proxy that
    /// does not send the header or is not named, someone at a node's own port) is refused with 403 and the reason,
    /// instead of a 500 on the first form (antiforgery will not issue its Secure token over HTTP). Health checks and
    /// metrics are the infrastructure's, which calls a node directly, and stay open.
    /// </summary>
    public static IApplicationBuilder UseHttpsOnly(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        var request = context.Request;
        if (request.IsHttps || request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase) ||
            request.Path.StartsWithSegments(Telemetry.MetricsEndpointOptions.Path, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HardeningMiddleware))
            .PlainHttpRefused(request.Method, request.Path);
        const string detail = "This site works over HTTPS only: open it with https://.";
        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ||
            request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "HTTPS required",
                extensions: new Dictionary<string, object?> { ["traceId"] = context.TraceIdentifier }).ExecuteAsync(context);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(detail, context.RequestAborted);
    });

    /// <summary>
    /// A state-changing API call in a form's content type is what another site's page can send with the user's
    /// cookies; the API reads JSON, so such a call is refused (415) before any work, unless the endpoint declares it
    /// takes that type (the credential upload takes multipart/form-data).
    /// </summary>
    public static IApplicationBuilder UseJsonOnlyApi(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || HttpMethods.IsGet(request.Method) ||
            HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || request.ContentType is not { } type)
        {
            return next(context);
        }

        var mediaType = type.Split(';', 2)[0].Trim();
        var accepted = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [];
        if (!SimpleContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase) ||
            accepted.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return next(context);
        }

        return TypedResults.Problem(
            $"This endpoint reads JSON: send Content-Type: application/json (not {mediaType}).",
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
            extensions: new Dictionary<string, object?> { ["traceId"] = context.TraceIdentifier }).ExecuteAsync(context);
    });
}

/// <summary>
/// A page without a handler for the request's verb (a POST to a page that only shows something) answers 405 with
/// the friendly error page, instead of rendering a page whose data was never loaded.
/// </summary>
public sealed class VerbNotHandledFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) &&
            http.Features.Get<IStatusCodeReExecuteFeature>() is null && http.Features.Get<IExceptionHandlerPathFeature>() is null)
        {
            http.Response.Headers.Allow = "GET, HEAD";
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return Task.CompletedTask;
        }

        return next();
    }
}
