using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Hardening;

/// <summary>Limits that hold however the caller presents itself, and passwords that guessing would find first.</summary>
public sealed class AbuseLimitTests
{
    private static Task<PinpointApp> StartAsync(int accountPostsPerMinute, int signedInPerMinute = 600) =>
        PinpointApp.StartAsync(DatabaseProvider.Sqlite, seedDemo: true, builder =>
        {
            builder.UseSetting("RateLimits:AccountPostsPerMinute", accountPostsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimits:SignedInPermitsPerMinute", signedInPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimits:AnonymousPermitsPerMinute", "2");
            builder.UseSetting("ForwardedHeaders:KnownProxies:0", "192.0.2.10");
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, CallerAddressFromHeader>());
        });

    private static HttpClient From(PinpointApp app, string address, string? forwardedFor = null)
    {
        var client = app.NewBrowserLikeClient();
        client.DefaultRequestHeaders.Add(CallerAddressFromHeader.Header, address);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return client;
    }

    private static async Task<HttpStatusCode> FailedLoginAsync(HttpClient client)
    {
        using var response = await client.SubmitAsync("/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = $"nobody.{Guid.NewGuid():N}@example.test", ["Input.Password"] = "wrong-password-42",
        });
        return response.StatusCode;
    }

    [Fact]
    public async Task Failed_sign_ins_are_limited_per_client_and_a_typed_forwarded_for_does_not_dodge_it()
    {
        await using var app = await StartAsync(accountPostsPerMinute: 2);
        using var sprayer = From(app, "203.0.113.7");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            // A direct caller naming a new address each time is still one caller.
            sprayer.DefaultRequestHeaders.Remove("X-Forwarded-For");
            sprayer.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            statuses.Add(await FailedLoginAsync(sprayer));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var someoneElse = From(app, "203.0.113.8");
        Assert.Equal(HttpStatusCode.OK, await FailedLoginAsync(someoneElse));
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_client_has_its_own_budget()
    {
        await using var app = await StartAsync(accountPostsPerMinute: 2);
        using var first = From(app, "192.0.2.10", forwardedFor: "198.51.100.1");
        using var second = From(app, "192.0.2.10", forwardedFor: "198.51.100.2");

        Assert.Equal(HttpStatusCode.OK, await FailedLoginAsync(first));
        Assert.Equal(HttpStatusCode.OK, await FailedLoginAsync(first));
        Assert.Equal(HttpStatusCode.TooManyRequests, await FailedLoginAsync(first));
        Assert.Equal(HttpStatusCode.OK, await FailedLoginAsync(second)); // the proxy's other client is not punished
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    public async Task Once_proxies_are_named_loopback_is_no_longer_believed(string loopback)
    {
        // Another process on the app's host (a sidecar sharing the pod's network) is not the configured proxy.
        await using var app = await StartAsync(accountPostsPerMinute: 2);
        using var local = From(app, loopback);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            local.DefaultRequestHeaders.Remove("X-Forwarded-For");
            local.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            statuses.Add(await FailedLoginAsync(local));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Signed_in_callers_are_limited_per_account_not_per_shared_address()
    {
        await using var app = await StartAsync(accountPostsPerMinute: 100, signedInPerMinute: 3);
        var client = await app.ClientForAsync("client@pinpoint.test");
        client.DefaultRequestHeaders.Add(CallerAddressFromHeader.Header, "203.0.113.20");
        using var anonymous = From(app, "203.0.113.20");

        var mine = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("/api/body-map/regions");
            mine.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], mine);
        using var neighbour = await anonymous.GetAsync("/api/body-map/regions"); // same address, own budget
        Assert.Equal(HttpStatusCode.OK, neighbour.StatusCode);
        client.Dispose();
    }

    [Theory]
    [InlineData("password123", "sam@example.test", "Sam Client")]
    [InlineData("Qwertyuiop1", "sam@example.test", "Sam Client")]
    [InlineData("1234567890", "sam@example.test", "Sam Client")]
    [InlineData("aaaaaaaaa1", "sam@example.test", "Sam Client")]
    [InlineData("samuel.k2026!", "samuel.k@example.test", "Sam Client")]
    [InlineData("jennings-1988", "jo@example.test", "Jo Jennings")]
    public void Guessable_passwords_are_refused_with_a_reason(string password, string email, string name)
    {
        Assert.NotNull(Pinpoint.Web.Kernel.PasswordRules.Check(password, email, name));
    }

    [Theory]
    [InlineData("gentle-pressure-42")]
    [InlineData("knots-and-2-stretches")]
    [InlineData("tight-traps-2026")]
    public void Passphrases_pass(string password)
    {
        Assert.Null(Pinpoint.Web.Kernel.PasswordRules.Check(password, "sam@example.test", "Sam Client"));
    }

    [Fact]
    public async Task Registration_refuses_a_common_password_at_the_field()
    {
        await using var app = await StartAsync(accountPostsPerMinute: 100);
        using var client = app.NewBrowserLikeClient();
        var email = $"weak.{Guid.NewGuid():N}@example.test";

        using var response = await client.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Weak Password", ["Input.Email"] = email, ["Input.Mobile"] = "0412 345 678",
            ["Input.Password"] = "password123", ["Input.ConfirmPassword"] = "password123",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("most common", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await app.Scoped(s => s.GetRequiredService<UserManager<PinpointUser>>().FindByEmailAsync(email)));
    }
}
