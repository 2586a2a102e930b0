using System.Net;

namespace Pinpoint.Web.Telemetry;

/// <summary>
/// Who may scrape: the caller's address as the connection shows it. Behind a reverse proxy that is the proxy's, so
/// restrict at the proxy too or allow only the proxy's network.
/// </summary>
internal static partial class MetricsAccess
{
    public static Task CheckAsync(HttpContext context, RequestDelegate next, IReadOnlyList<IPNetwork> networks)
    {
        if (networks.Count == 0 || Allows(networks, context.Connection.RemoteIpAddress))
        {
            return next(context);
        }

        Refused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MetricsAccess)));
        // No body: the machine endpoints' status-code pages answer it as ProblemDetails.
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    public static bool Allows(IReadOnlyList<IPNetwork> networks, IPAddress? caller)
    {
        if (caller is null)
        {
            return false; // no address (a Unix socket, a test host): not provably inside
        }

        // A dual-stack socket shows an IPv4 caller as ::ffff:a.b.c.d; compare it as the IPv4 address it is.
        var address = caller.IsIPv4MappedToIPv6 ? caller.MapToIPv4() : caller;
        return networks.Any(n => n.Contains(address));
    }

    // Information, not Warning: anyone can knock, and the caller's address (personal data, arguably) is not logged.
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "A scrape of /metrics from outside Telemetry:Metrics:AllowedNetworks was refused")]
    private static partial void Refused(ILogger logger);
}
