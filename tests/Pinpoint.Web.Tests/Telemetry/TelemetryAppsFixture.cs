using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Telemetry;

/// <summary>Demo apps whose logs are captured (FakeLogCollector) and whose callers can say where they come from.</summary>
public sealed class TelemetryAppsFixture : AppsFixture
{
    /// <summary>The test server has no remote address; a request carrying this header gets the one it names.</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    protected override bool SeedDemo => true;

    protected override void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services =>
    {
        services.AddFakeLogging();
        services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>();
    });

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, rest) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[RemoteAddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return rest(context);
            });
            next(app);
        };
    }
}
