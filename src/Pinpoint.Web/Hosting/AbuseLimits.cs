using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Pinpoint.Web.Hosting;

/// <summary>Rate limits (configuration: <c>RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Calls per minute to the public API and the referral pages, per client IP when signed out.</summary>
    public int AnonymousPermitsPerMinute { get; set; } = 120;

    /// <summary>The same, per account when signed in: a person on a shared network is not throttled by their neighbours.</summary>
    public int SignedInPermitsPerMinute { get; set; } = 600;

    /// <summary>Sign-in, sign-up, password-reset and checkout submissions per client IP and minute (password spraying, mass sign-ups).</summary>
    public int AccountPostsPerMinute { get; set; } = 10;
}

/// <summary>Which proxies may say who the client is (configuration: <c>ForwardedHeaders</c>).</summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>
    /// Addresses of reverse proxies in front of the app. With none named here or in <see cref="KnownNetworks"/>,
    /// loopback is trusted (a proxy on the same host); once any is named, only those are.
    /// </summary>
    public List<string> KnownProxies { get; } = [];

    /// <summary>Networks of reverse proxies, in CIDR form ("10.0.0.0/8").</summary>
    public List<string> KnownNetworks { get; } = [];
}

public static class AbuseLimits
{
    public const string PublicApi = "public-api";
    public const string AccountPosts = "account-posts";

    public static IServiceCollection AddAbuseLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = static async (context, cancellationToken) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    await TypedResults.Problem($"Too many requests. Try again in {seconds} seconds.", statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests", extensions: new Dictionary<string, object?> { ["traceId"] = http.TraceIdentifier }).ExecuteAsync(http);
                }
                else
                {
                    http.Response.ContentType = "text/plain; charset=utf-8";
                    await http.Response.WriteAsync($"Too many attempts from here. Please wait {seconds} seconds and try again.", cancellationToken);
                }
            };
            options.AddPolicy(PublicApi, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var signedIn = context.User.Identity?.IsAuthenticated == true;
                return RateLimitPartition.GetFixedWindowLimiter(
                    signedIn ? "user:" + CurrentUser.Id(context.User) : "ip:" + ClientAddress(context),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = signedIn ? limits.SignedInPermitsPerMinute : limits.AnonymousPermitsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                    });
            });
            options.AddPolicy(AccountPosts, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter("ip:" + ClientAddress(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.AccountPostsPerMinute, Window = TimeSpan.FromMinutes(1) });
            });
        });

        var proxies = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Only the proxies named here may say who the client is and that the request came over HTTPS; a header
            // from anyone else is ignored, so nobody can dodge the limits above by typing an X-Forwarded-For.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            if (proxies.KnownProxies.Count + proxies.KnownNetworks.Count > 0)
            {
                // Named proxies replace the default (all of 127.0.0.0/8 and ::1): otherwise anything else on the app's
                // own loopback — a sidecar sharing the pod's network, a local user — could still say who the client is.
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
            }

            foreach (var proxy in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>The caller's address as the trusted proxy reported it (or the connection's).</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
