namespace Pinpoint.Web.Hosting;

/// <summary>The pipeline's own events. Event ids 1300–1399.</summary>
internal static partial class HostingLog
{
    /// <summary>
    /// The client's mistake, so a Warning without the stack trace. Only where reading stopped and the exception's type:
    /// a parser's message may quote the value sent, which can be anything a person typed.
    /// </summary>
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Unreadable request body for {Method} {Path}: {Status} at {JsonPath} ({Problem})")]
    public static partial void UnreadableBody(this ILogger logger, string method, string path, int status, string jsonPath, string problem);

    /// <summary>Outside Development: a request that did not arrive over HTTPS, as the connection or a named proxy says.</summary>
    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Refused {Method} {Path} over plain HTTP: reach the app over HTTPS, or name the proxy that terminates TLS in ForwardedHeaders:KnownProxies (or KnownNetworks) and have it send X-Forwarded-Proto")]
    public static partial void PlainHttpRefused(this ILogger logger, string method, string path);

    /// <summary>A request over one of <see cref="RequestLimits"/>: the client's mistake (or an attack), so a Warning; the path only, shortened. A size of -1 is a body whose length was not stated.</summary>
    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Request refused by a size limit: {Method} {Path} answered {Status} (size {Size}, limit {Limit})")]
    public static partial void RequestRefused(this ILogger logger, string method, string path, int status, long size, long limit);
}
