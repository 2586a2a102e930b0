using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Accounts;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

public sealed class AccountTests(AppsFixture apps) : IClassFixture<AppsFixture>
{
    internal const string GoodPassword = "knots-and-2-stretches";

    internal static Dictionary<string, string> Registration(string email, string name = "Jo Tester", string password = GoodPassword, string? confirm = null, string mobile = "0412 345 678") => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Email"] = email,
        ["Input.Mobile"] = mobile,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm ?? password,
    };

    internal static string NewEmail() => $"jo.{Guid.NewGuid():N}@example.test";

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_new_client_signs_up_opens_the_account_from_the_email_and_is_greeted_by_name(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.NewBrowserLikeClient();
        var email = NewEmail();

        using var response = await client.SubmitAsync("/account/register", Registration(email, "Jo Tester"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/check-email", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pinpoint.auth=", StringComparison.Ordinal));
        Assert.Contains($"We have sent an email to <strong class=\"address\">{email}</strong>", await client.GetStringAsync("/account/check-email"), StringComparison.Ordinal);
        var waiting = await app.Scoped(async services => (await services.GetRequiredService<UserManager<PinpointUser>>().FindByEmailAsync(email))!);
        Assert.True(waiting.AwaitingConfirmation);
        Assert.False(waiting.EmailConfirmed);

        using var confirmed = await app.ConfirmSignUpAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/account", confirmed.Headers.Location?.OriginalString);
        var cookie = confirmed.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pinpoint.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        var home = await client.GetStringAsync("/account");
        Assert.Contains("Jo Tester", home, StringComparison.Ordinal);
        Assert.Contains(email, home, StringComparison.Ordinal);

        var (roles, open) = await app.Scoped(async services =>
        {
            var users = services.GetRequiredService<UserManager<PinpointUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            return (await users.GetRolesAsync(user), user);
        });
        Assert.Equal([Roles.Client], roles);
        Assert.False(open.AwaitingConfirmation);
        Assert.True(open.EmailConfirmed);
        Assert.True(await app.SignsInAsync(email, GoodPassword));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Registration_needs_a_mobile_number_and_stores_it_in_E164(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var email = NewEmail();

        using (var missing = app.NewBrowserLikeClient())
        {
            using var response = await missing.SubmitAsync("/account/register", Registration(email, mobile: ""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Enter your mobile number", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var landline = app.NewBrowserLikeClient())
        {
            using var response = await landline.SubmitAsync("/account/register", Registration(email, mobile: "03 9123 4567"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Enter a mobile number we can call", System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using var client = app.NewBrowserLikeClient();
        using var registered = await client.SubmitAsync("/account/register", Registration(email, mobile: "0412 345 678"));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var stored = await app.Scoped(async services =>
            (await services.GetRequiredService<UserManager<PinpointUser>>().FindByEmailAsync(email))!.PhoneNumber);
        Assert.Equal("+61412345678", stored);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Registration_rejects_weak_passwords_mismatches_and_duplicates_with_field_messages(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.NewBrowserLikeClient();
        var email = NewEmail();

        using var weak = await client.SubmitAsync("/account/register", Registration(email, password: "short1", confirm: "short1"));
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("Use at least 10 characters.", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var noDigit = await client.SubmitAsync("/account/register", Registration(email, password: "no-digits-at-all"));
        Assert.Contains("digit", await noDigit.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        using var mismatch = await client.SubmitAsync("/account/register", Registration(email, confirm: GoodPassword + "x"));
        Assert.Contains("The passwords do not match.", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Null(await app.Scoped(s => s.GetRequiredService<UserManager<PinpointUser>>().FindByEmailAsync(email)));
        // A taken address is not one of these mistakes: it ends on "Check your email" like a new one (SignUpTests).
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_form_post_without_the_antiforgery_token_is_refused(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.NewBrowserLikeClient();

        using var content = new FormUrlEncodedContent(Registration(NewEmail()));
        using var response = await client.PostAsync("/account/register", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var email = NewEmail();
        using (var registering = app.NewBrowserLikeClient())
        {
            using var registered = await registering.SubmitAsync("/account/register", Registration(email));
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
            using var opened = await app.ConfirmSignUpAsync(registering, email);
        }

        using var client = app.NewBrowserLikeClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await client.SubmitAsync("/account/login", Login(email, "wrong-password-1"));
            Assert.Contains(LoginModel.InvalidMessage, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var fifth = await client.SubmitAsync("/account/login", Login(email, "wrong-password-1"));
        Assert.Contains(LoginModel.InvalidMessage, await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Locked: the right password is refused too, with the very words a stranger gets for an unknown address.
        using var right = await client.SubmitAsync("/account/login", Login(email, GoodPassword));
        using var unknown = await client.SubmitAsync("/account/login", Login(NewEmail(), GoodPassword));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(ErrorOf(await unknown.Content.ReadAsStringAsync()), ErrorOf(await right.Content.ReadAsStringAsync()));
        Assert.Contains("locked for 15 minutes", ErrorOf(await right.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Login_goes_back_to_a_local_return_url_only_and_logout_ends_the_session(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var email = NewEmail();
        using (var registering = app.NewBrowserLikeClient())
        {
            using var registered = await registering.SubmitAsync("/account/register", Registration(email, "Return Tester"));
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
            using var opened = await app.ConfirmSignUpAsync(registering, email);
        }

        using var client = app.NewBrowserLikeClient();
        using var anonymous = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=", anonymous.Headers.Location?.ToString(), StringComparison.OrdinalIgnoreCase);

        var fields = Login(email, GoodPassword);
        fields["ReturnUrl"] = "https://evil.example/phish";
        using var offsite = await client.SubmitAsync("/account/login?ReturnUrl=https%3A%2F%2Fevil.example%2Fphish", fields);
        Assert.Equal(HttpStatusCode.Redirect, offsite.StatusCode);
        Assert.Equal("/account", offsite.Headers.Location?.OriginalString);

        Assert.Contains("Return Tester", await client.GetStringAsync("/"), StringComparison.Ordinal);

        using var loggedOut = await client.SubmitAsync("/account/logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        using var after = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    internal static Dictionary<string, string> Login(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };

    internal static string ErrorOf(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "class=\"validation-summary[^\"]*\"[^>]*>(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
}
