using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Pinpoint.Web.Tests.Infrastructure;

/// <summary>Test host only: sets the connection's remote address from a request header, first in the pipeline.</summary>
public sealed class CallerAddressFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Caller-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}

