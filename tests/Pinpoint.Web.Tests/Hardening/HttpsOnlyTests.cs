using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Hardening;

/// <summary>
/// Outside Development every cookie is Secure, so the app is reached over HTTPS only and says so to anyone who comes
/// another way (before, the first page with a form answered 500: antiforgery will not issue a Secure token over HTTP).
/// </summary>
public sealed class HttpsOnlyTests
{
    [Fact]
    public async Task In_production_plain_http_is_refused_with_the_reason_except_for_health_and_https_is_served()
    {
        await using var app = await PinpointApp.StartAsync(DatabaseProvider.Sqlite, configure: builder => builder.UseEnvironment("Production"));
        using var plain = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var page = await plain.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("HTTPS only", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var post = await plain.PostAsync("/account/login", new FormUrlEncodedContent([new("Input.Email", "a@example.test")]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        using var api = await plain.GetAsync("/api/modalities");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        using var health = await plain.GetAsync("/healthz"); // load balancers and probes call a node directly
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using var secure = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        using var login = await secure.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.All(login.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }
}
