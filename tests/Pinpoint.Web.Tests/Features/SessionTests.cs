using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>
/// A session ends when it should, at once and on the next request: logging out ends this browser's session (a copied
/// cookie with it), "sign out everywhere" and account deletion end all of them, a password change all but this one.
/// </summary>
public sealed class SessionTests(AppsFixture apps, DemoAppsFixture demo) : IClassFixture<AppsFixture>, IClassFixture<DemoAppsFixture>
{
    private const string Password = "tight-traps-2026"; // what IntakeApiTests.RegisterClientAsync signs up with

    /// <summary>A browser signed in as <paramref name="email"/>, and the sign-in cookie it was given, to copy into another client.</summary>
    private static async Task<(HttpClient Browser, string Cookie)> SignInAsync(PinpointApp app, string email, string password = Password)
    {
        var browser = app.NewBrowserLikeClient();
        using var response = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookies = SetCookieHeaderValue.ParseList([.. response.Headers.GetValues("Set-Cookie")])
            .Where(c => c.Name.StartsWith("pinpoint.auth", StringComparison.Ordinal))
            .Select(c => $"{c.Name}={c.Value}");
        return (browser, string.Join("; ", cookies));
    }

    /// <summary>Someone else's client holding a copy of the cookie.</summary>
    private static HttpClient WithCookie(PinpointApp app, string cookie)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add(HeaderNames.Cookie, cookie);
        return client;
    }

    private static async Task<HttpStatusCode> ApiAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/me/export");
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> PageAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/account");
        return response.StatusCode;
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Logging_out_ends_that_session_at_once_a_copied_cookie_too_and_no_other(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (_, _, email) = await IntakeApiTests.RegisterClientAsync(app);
        var (browser, cookie) = await SignInAsync(app, email);
        var (laptop, _) = await SignInAsync(app, email);
        using var copy = WithCookie(app, cookie);
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(copy));

        using var logout = await browser.SubmitAsync("/account/logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(copy)); // an API answers 401, not a redirect
        Assert.Equal(HttpStatusCode.Redirect, await PageAsync(copy));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(browser));
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(laptop)); // the account's other session goes on
        browser.Dispose();
        laptop.Dispose();
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Sign_out_everywhere_ends_every_session_of_the_account_and_only_its_own(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (other, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        var (_, _, email) = await IntakeApiTests.RegisterClientAsync(app);
        var (phone, phoneCookie) = await SignInAsync(app, email);
        var (laptop, laptopCookie) = await SignInAsync(app, email);
        using var copy = WithCookie(app, laptopCookie);
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(copy));

        using var everywhere = await phone.SubmitAsync("/account", new Dictionary<string, string>(), "/account?handler=SignOutEverywhere");

        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(phone));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(laptop));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(copy));
        using var phoneCopy = WithCookie(app, phoneCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(phoneCopy));
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(other));
        Assert.True(await app.SignsInAsync(email, Password)); // signing in again works
        phone.Dispose();
        laptop.Dispose();
        other.Dispose();
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_password_change_ends_the_other_sessions_and_this_one_goes_on(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (_, _, email) = await IntakeApiTests.RegisterClientAsync(app);
        var (phone, _) = await SignInAsync(app, email);
        var (laptop, laptopCookie) = await SignInAsync(app, email);
        using var copy = WithCookie(app, laptopCookie);

        using var changed = await phone.SubmitAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.Current"] = Password, ["Input.New"] = "deep-pressure-2027", ["Input.Repeat"] = "deep-pressure-2027",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(phone));
        Assert.Equal(HttpStatusCode.OK, await PageAsync(phone));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(laptop));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(copy));
        phone.Dispose();
        laptop.Dispose();
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_password_reset_ends_every_session(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (_, userId, email) = await IntakeApiTests.RegisterClientAsync(app);
        var (phone, _) = await SignInAsync(app, email);

        await app.Scoped(async s =>
        {
            var users = s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PinpointUser>>();
            var user = (await users.FindByIdAsync(userId))!;
            Assert.True((await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), "deep-pressure-2027")).Succeeded);
        });

        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(phone));
        phone.Dispose();
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Deleting_the_account_ends_all_its_sessions_at_once(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (_, userId, email) = await IntakeApiTests.RegisterClientAsync(app);
        var (phone, phoneCookie) = await SignInAsync(app, email);
        var (laptop, _) = await SignInAsync(app, email);
        using var copy = WithCookie(app, phoneCookie);

        using var deleted = await phone.PostAsync("/api/me/deletion", null);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(copy));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(laptop));
        Assert.Equal(HttpStatusCode.Redirect, await PageAsync(laptop));
        Assert.Equal(0, await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Pinpoint.Web.Features.Accounts.UserSession>().CountAsync(x => x.UserId == userId)));
        phone.Dispose();
        laptop.Dispose();
    }

    [Theory]
    [InlineData(Principal.Client)]
    [InlineData(Principal.Therapist)]
    [InlineData(Principal.Admin)]
    public async Task Every_role_is_offered_sign_out_everywhere_on_its_account_page(Principal principal)
    {
        var app = await demo.For(DatabaseProvider.Sqlite);
        using var client = await app.ClientForAsync(principal);

        var page = await client.GetStringAsync("/account");

        Assert.Contains("data-testid=\"sign-out-everywhere\"", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/account?handler=SignOutEverywhere\"", page, StringComparison.Ordinal);
    }
}
