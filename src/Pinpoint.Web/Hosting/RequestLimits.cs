using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Pinpoint.Web.Hosting;

/// <summary>
/// How large a request may be, in one place. Kestrel refuses what exceeds its own limits before any middleware runs,
/// with an empty body; so its limits on the request line and the headers are set above ours, and ours are checked
/// here, inside the pipeline, where the refusal gets a ProblemDetails document on <c>/api</c> and the friendly error
/// page elsewhere. Ours equal Kestrel's defaults: nothing refused before is accepted now, it is only answered in
/// words. Only a request beyond Kestrel's ceilings (or one it cannot parse at all) still gets Kestrel's empty answer;
/// docs/architecture.md lists those.
/// </summary>
public static class RequestLimits
{
    /// <summary>The request target (path and query, as sent): longer is a 414.</summary>
    public const int MaxUrlLength = 8 * 1024;

    /// <summary>All header lines together (name, value, separator and line end): larger is a 431.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Header lines: more is a 431.</summary>
    public const int MaxHeaderCount = 100;

    /// <summary>
    /// A body longer than this is refused with 413 as it is read (endpoints may set less: the referral query takes 64 KB).
    /// The largest legitimate body is a credential's document (5 MB) in its form.
    /// </summary>
    public const long MaxBodyBytes = 10 * 1024 * 1024;

    /// <summary>Kestrel's ceiling on the request line: beyond it Kestrel answers 414 with an empty body.</summary>
    public const int KestrelRequestLineBytes = 4 * MaxUrlLength;

    /// <summary>Kestrel's ceiling on all headers: beyond it Kestrel answers 431 with an empty body.</summary>
    public const int KestrelHeaderBytes = 2 * MaxHeaderBytes;

    /// <summary>Kestrel's ceiling on the number of headers: beyond it Kestrel answers 431 with an empty body.</summary>
    public const int KestrelHeaderCount = 2 * MaxHeaderCount;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => Apply(kestrel.Limits));
        return builder;
    }

    public static void Apply(KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.MaxRequestLineSize = KestrelRequestLineBytes;
        limits.MaxRequestHeadersTotalSize = KestrelHeaderBytes;
        limits.MaxRequestHeaderCount = KestrelHeaderCount;
        limits.MaxRequestBodySize = MaxBodyBytes;
    }

    /// <summary>
    /// Refuses a request whose address or headers are over our limits: 414 or 431, written by the status-code pages
    /// (ProblemDetails on <c>/api</c>, the error page elsewhere). A re-executed error page is let through.
    /// </summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerPathFeature>() is not null)
        {
            return next(context);
        }

        var refusal = Check(context.Request, context.Features.Get<IHttpRequestFeature>()?.RawTarget);
        if (refusal is not { } found)
        {
            return next(context);
        }

        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestLimits))
            .RequestRefused(context.Request.Method, Shorten(context.Request.Path.Value), found.Status, found.Size, found.Limit);
        context.Response.StatusCode = found.Status;
        return Task.CompletedTask;
    });

    private static (int Status, long Size, long Limit)? Check(HttpRequest request, string? rawTarget)
    {
        var url = rawTarget is { Length: > 0 } raw ? raw.Length : request.PathBase.Value!.Length + request.Path.Value!.Length + request.QueryString.Value!.Length;
        if (url > MaxUrlLength)
        {
            return (StatusCodes.Status414UriTooLong, url, MaxUrlLength);
        }

        var count = 0;
        long bytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + (value?.Length ?? 0) + 4; // "name: value\r\n"
            }
        }

        return count > MaxHeaderCount ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, count, MaxHeaderCount)
            : bytes > MaxHeaderBytes ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, bytes, MaxHeaderBytes)
            : null;
    }

    /// <summary>A path for a log line: a refused address can be kilobytes long.</summary>
    internal static string Shorten(string? path) => path is { Length: > 200 } longPath ? longPath[..200] + "…" : path ?? "";
}
