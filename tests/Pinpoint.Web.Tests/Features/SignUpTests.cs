using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Accounts;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>
/// "Check your email" sign-up: both sign-up pages answer a new address and a taken one alike, to the byte; the one
/// email says what happened; its link opens the account once; before that the account signs in with nobody's answer.
/// </summary>
public sealed class SignUpTests(AppsFixture apps) : IClassFixture<AppsFixture>
{
    private const string Password = AccountTests.GoodPassword;
    private const string OtherPassword = "someone-elses-77";

    public static IEnumerable<object?[]> Pages => AllDatabases.Times([["/account/register"], ["/account/register-therapist"]]);

    private static Dictionary<string, string> Answers(string page, string email, string name, string password, string mobile = "0412 345 678")
    {
        var answers = AccountTests.Registration(email, name, password, mobile: mobile);
        if (page.EndsWith("-therapist", StringComparison.Ordinal))
        {
            answers["StartArea"] = "Northcote 3070";
        }

        return answers;
    }

    /// <summary>A sign-up from a new browser, and where it ends: the status, where it sends the browser, the cookies it sets (by name) and that page.</summary>
    private static async Task<(HttpStatusCode Status, string? Location, string Cookies, string Page)> SignUpAsync(
        PinpointApp app, string page, string email, string name = "Jo Tester", string password = Password, string mobile = "0412 345 678")
    {
        using var client = app.NewBrowserLikeClient();
        using var response = await client.SubmitAsync(page, Answers(page, email, name, password, mobile));
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join(",", set.Select(c => c[..c.IndexOf('=', StringComparison.Ordinal)]).Order(StringComparer.Ordinal)) : "";
        var html = response.Headers.Location is { } location ? await client.GetStringAsync(location) : await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Headers.Location?.OriginalString, cookies, AccountMailbox.Stable(html));
    }

    private static Task<PinpointUser> AccountAsync(PinpointApp app, string email) =>
        app.Scoped(async s => (await s.GetRequiredService<UserManager<PinpointUser>>().FindByEmailAsync(email))!);

    private static async Task OpenAsync(PinpointApp app, string email, string password, string page = "/account/register")
    {
        using var client = app.NewBrowserLikeClient();
        using var response = await client.SubmitAsync(page, Answers(page, email, "Jo Tester", password));
        using var opened = await app.ConfirmSignUpAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_new_address_a_waiting_one_and_an_open_account_get_the_same_answer_to_the_byte(DatabaseProvider provider, string page)
    {
        var app = await apps.For(provider);
        var email = AccountTests.NewEmail();

        var whenNew = await SignUpAsync(app, page, email);
        app.Clock.Advance(Duration.FromMinutes(2));
        var whenWaiting = await SignUpAsync(app, page, email, "Robin Other", OtherPassword, "0412 999 888");
        using (var opener = app.NewBrowserLikeClient())
        {
            using var opened = await app.ConfirmSignUpAsync(opener, email);
        }

        app.Clock.Advance(Duration.FromMinutes(2));
        var whenOpen = await SignUpAsync(app, page, email, "Alex Newman", "third-password-99", "0412 111 222");

        Assert.Equal(HttpStatusCode.Redirect, whenNew.Status);
        Assert.Equal("/account/check-email", whenNew.Location);
        Assert.Contains($"We have sent an email to <strong class=\"address\">{email}</strong>", whenNew.Page, StringComparison.Ordinal);
        Assert.Equal(whenNew, whenWaiting);
        Assert.Equal(whenNew, whenOpen);
        // Behind the same answer: a link, a fresh link for the new answers, and a notice for the open account.
        Assert.Equal(2, (await app.MessagesAsync(email, NotificationKind.SignUpConfirm)).Count);
        Assert.Single(await app.MessagesAsync(email, NotificationKind.SignUpTaken));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_taken_address_is_told_how_to_sign_in_and_nothing_about_the_account_changes(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var email = AccountTests.NewEmail();
        await OpenAsync(app, email, Password);
        var before = await AccountAsync(app, email);
        app.Clock.Advance(Duration.FromMinutes(2));

        var answer = await SignUpAsync(app, "/account/register-therapist", email, "Mallory Intruder", OtherPassword, "0412 999 888");

        Assert.Equal("/account/check-email", answer.Location);
        var notice = Assert.Single(await app.MessagesAsync(email, NotificationKind.SignUpTaken));
        Assert.Equal(before.Id, notice.UserId);
        Assert.Null(notice.BookingId);
        Assert.Equal("You already have a Pinpoint account", notice.Subject);
        Assert.StartsWith("Hello Jo Tester,", notice.Body, StringComparison.Ordinal);
        Assert.Contains("Someone, perhaps you, just tried to open a new Pinpoint account with this address", notice.Body, StringComparison.Ordinal);
        Assert.Contains("nothing about your account has changed", notice.Body, StringComparison.Ordinal);
        Assert.Contains("To sign in: http://localhost:5080/account/login", notice.Body, StringComparison.Ordinal);
        Assert.Contains("Forgotten your password? Ask for a link to choose a new one: http://localhost:5080/account/forgot-password", notice.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Mallory", notice.Body, StringComparison.Ordinal);
        Assert.Single(await app.MessagesAsync(email, NotificationKind.SignUpConfirm)); // only the first sign-up's

        var after = await AccountAsync(app, email);
        Assert.Equal(
            (before.DisplayName, before.PhoneNumber, before.PasswordHash, before.SecurityStamp, before.AwaitingConfirmation),
            (after.DisplayName, after.PhoneNumber, after.PasswordHash, after.SecurityStamp, after.AwaitingConfirmation));
        Assert.Equal([Roles.Client], await app.Scoped(s => s.GetRequiredService<UserManager<PinpointUser>>().GetRolesAsync(after)));
        Assert.False(await app.Scoped(s => s.GetRequiredService<PinpointDb>().Therapists.AnyAsync(t => t.UserId == after.Id)));
        Assert.True(await app.SignsInAsync(email, Password));
        Assert.False(await app.SignsInAsync(email, OtherPassword));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_link_opens_the_account_and_signs_in_once_and_only_once(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var email = AccountTests.NewEmail();
        using var visitor = app.NewBrowserLikeClient();
        using var signedUp = await visitor.SubmitAsync("/account/register", Answers("/account/register", email, "Jo Tester", Password));
        var message = Assert.Single(await app.MessagesAsync(email, NotificationKind.SignUpConfirm));
        Assert.Equal("Confirm your email to finish opening your account", message.Subject);
        Assert.Contains("within 24 hours", message.Body, StringComparison.Ordinal);
        Assert.Contains("If you did not sign up, ignore this email", message.Body, StringComparison.Ordinal);
        var link = AccountMailbox.LinkIn(message, "/account/confirm-sign-up");

        // Opening the link (as a mail scanner would) changes nothing; the button does.
        var landing = WebUtility.HtmlDecode(await visitor.GetStringAsync(link));
        Assert.Contains("Welcome, Jo Tester", landing, StringComparison.Ordinal);
        Assert.Contains("Open my account", landing, StringComparison.Ordinal);
        Assert.True((await AccountAsync(app, email)).AwaitingConfirmation);

        using var opened = await visitor.SubmitAsync(link, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/account", opened.Headers.Location?.OriginalString);
        Assert.Contains("Jo Tester", await visitor.GetStringAsync("/account"), StringComparison.Ordinal);

        // Spent: pressed again from another browser, it signs nobody in.
        using var stranger = app.NewBrowserLikeClient();
        using var again = await stranger.PostWithoutItsFormAsync(link, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("This link has been used", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(again.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("pinpoint.auth=", StringComparison.Ordinal)));
        Assert.Contains("This link has been used", WebUtility.HtmlDecode(await stranger.GetStringAsync(link)), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Two_presses_at_once_open_the_account_and_sign_in_once(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var email = AccountTests.NewEmail();
        using (var signingUp = app.NewBrowserLikeClient())
        {
            using var signedUp = await signingUp.SubmitAsync("/account/register", Answers("/account/register", email, "Jo Tester", Password));
        }

        var link = AccountMailbox.LinkIn(Assert.Single(await app.MessagesAsync(email, NotificationKind.SignUpConfirm)), "/account/confirm-sign-up");
        using var first = app.NewBrowserLikeClient();
        using var second = app.NewBrowserLikeClient();

        var presses = await Task.WhenAll(first.PostWithoutItsFormAsync(link, new Dictionary<string, string>()), second.PostWithoutItsFormAsync(link, new Dictionary<string, string>()));

        Assert.Single(presses, p => p.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(presses, p => p.StatusCode == HttpStatusCode.OK);
        foreach (var press in presses)
        {
            press.Dispose();
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Before_its_link_is_used_an_account_gets_the_answer_every_failed_sign_in_gets(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (fresh, taken, unknown) = (AccountTests.NewEmail(), AccountTests.NewEmail(), AccountTests.NewEmail());
        await OpenAsync(app, taken, OtherPassword);
        app.Clock.Advance(Duration.FromMinutes(2));

        // Someone signs up with two addresses and the same password, then tries to sign in with it: one address was free.
        await SignUpAsync(app, "/account/register", fresh);
        await SignUpAsync(app, "/account/register", taken);
        var answers = new List<string>();
        foreach (var email in new[] { fresh, taken, unknown })
        {
            using var client = app.NewBrowserLikeClient();
            using var response = await client.SubmitAsync("/account/login", AccountTests.Login(email, Password));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(AccountMailbox.Stable(await response.Content.ReadAsStringAsync()).Replace(email, "ADDRESS", StringComparison.Ordinal));
        }

        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(answers[0], answers[2]);
        Assert.Contains(LoginModel.InvalidMessage, WebUtility.HtmlDecode(AccountTests.ErrorOf(answers[0])), StringComparison.Ordinal);
        Assert.Contains("If you have just signed up, open the link we emailed you first", LoginModel.InvalidMessage, StringComparison.Ordinal);

        using (var opener = app.NewBrowserLikeClient())
        {
            using var opened = await app.ConfirmSignUpAsync(opener, fresh);
        }

        Assert.True(await app.SignsInAsync(fresh, Password));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_expired_link_offers_a_new_one_that_works(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var email = AccountTests.NewEmail();
        using var visitor = app.NewBrowserLikeClient();
        using var signedUp = await visitor.SubmitAsync("/account/register", Answers("/account/register", email, "Jo Tester", Password));
        var link = AccountMailbox.LinkIn(Assert.Single(await app.MessagesAsync(email, NotificationKind.SignUpConfirm)), "/account/confirm-sign-up");

        app.Clock.Advance(Duration.FromHours(24) + Duration.FromMinutes(1));

        var page = WebUtility.HtmlDecode(await visitor.GetStringAsync(link));
        Assert.Contains("This link has expired", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/account/check-email\"", page, StringComparison.Ordinal);
        Assert.Contains("Send me a new link", page, StringComparison.Ordinal);
        using var pressed = await visitor.PostWithoutItsFormAsync(link, new Dictionary<string, string>());
        Assert.Contains("This link has expired", WebUtility.HtmlDecode(await pressed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True((await AccountAsync(app, email)).AwaitingConfirmation);

        using var asked = await visitor.PostWithoutItsFormAsync("/account/check-email", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("Sent again", await visitor.GetStringAsync("/account/check-email"), StringComparison.Ordinal);
        Assert.Equal(2, (await app.MessagesAsync(email, NotificationKind.SignUpConfirm)).Count);
        using var opened = await app.ConfirmSignUpAsync(visitor, email);
        Assert.Equal("/account", opened.Headers.Location?.OriginalString);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Send_it_again_answers_every_address_alike_and_sends_only_what_fits(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (waiting, open, unknown) = (AccountTests.NewEmail(), AccountTests.NewEmail(), AccountTests.NewEmail());
        await SignUpAsync(app, "/account/register", waiting);
        await OpenAsync(app, open, Password);
        app.Clock.Advance(Duration.FromMinutes(2));

        var answers = new List<(HttpStatusCode, string?, string)>();
        foreach (var email in new[] { waiting, open, unknown, waiting })
        {
            using var client = app.NewBrowserLikeClient();
            using var response = await client.SubmitAsync("/account/check-email", new Dictionary<string, string> { ["Input.Email"] = email });
            var page = AccountMailbox.Stable(await client.GetStringAsync("/account/check-email")).Replace(email, "ADDRESS", StringComparison.Ordinal);
            answers.Add((response.StatusCode, response.Headers.Location?.OriginalString, page));
        }

        Assert.Equal(HttpStatusCode.Redirect, answers[0].Item1);
        Assert.All(answers, answer => Assert.Equal(answers[0], answer));
        // A new link for the account waiting (the second ask, within the minute, sends nothing); "you have an account"
        // for the open one; nothing for an address without an account.
        Assert.Equal(2, (await app.MessagesAsync(waiting, NotificationKind.SignUpConfirm)).Count);
        Assert.Single(await app.MessagesAsync(open, NotificationKind.SignUpTaken));
        Assert.False(await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Notification>().AnyAsync(n => n.To == unknown)));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Signing_up_again_before_the_link_replaces_the_answers_and_ends_the_old_link(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var email = AccountTests.NewEmail();
        await SignUpAsync(app, "/account/register-therapist", email, "Noor Haddad", OtherPassword);
        var first = AccountMailbox.LinkIn(Assert.Single(await app.MessagesAsync(email, NotificationKind.SignUpConfirm)), "/account/confirm-sign-up");
        app.Clock.Advance(Duration.FromMinutes(2));

        await SignUpAsync(app, "/account/register", email, "Noor H.", Password);

        using var visitor = app.NewBrowserLikeClient();
        var old = await visitor.GetStringAsync(first);
        Assert.Contains("A newer link was sent", old, StringComparison.Ordinal);
        Assert.Contains("data-state=\"Replaced\"", old, StringComparison.Ordinal);
        using var opened = await app.ConfirmSignUpAsync(visitor, email);
        Assert.Equal("/account", opened.Headers.Location?.OriginalString);
        var account = await AccountAsync(app, email);
        Assert.Equal("Noor H.", account.DisplayName);
        Assert.Equal([Roles.Client], await app.Scoped(s => s.GetRequiredService<UserManager<PinpointUser>>().GetRolesAsync(account)));
        Assert.False(await app.Scoped(s => s.GetRequiredService<PinpointDb>().Therapists.AnyAsync(t => t.UserId == account.Id)));
        Assert.True(await app.SignsInAsync(email, Password));
        Assert.False(await app.SignsInAsync(email, OtherPassword));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_password_reset_opens_an_account_still_waiting_for_its_link(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var email = AccountTests.NewEmail();
        await SignUpAsync(app, "/account/register", email);
        using var visitor = app.NewBrowserLikeClient();

        using var asked = await visitor.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        var reset = AccountMailbox.LinkIn(Assert.Single(await app.MessagesAsync(email, NotificationKind.PasswordReset)), "/account/reset-password");
        using var set = await visitor.SubmitAsync(reset, new Dictionary<string, string> { ["Input.New"] = OtherPassword, ["Input.Repeat"] = OtherPassword });

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var account = await AccountAsync(app, email);
        Assert.False(account.AwaitingConfirmation);
        Assert.True(account.EmailConfirmed);
        Assert.True(await app.SignsInAsync(email, OtherPassword));
    }
}
