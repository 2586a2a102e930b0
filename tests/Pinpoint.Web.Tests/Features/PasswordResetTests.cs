using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>
/// "Forgot your password?": an emailed link sets a new password once within two hours; asking never tells whether
/// an address has an account; an account gets a few such emails an hour at most.
/// </summary>
public sealed class PasswordResetTests(AppsFixture apps) : IClassFixture<AppsFixture>
{
    private const string Registered = "tight-traps-2026"; // what IntakeApiTests.RegisterClientAsync signs up with
    private const string NewPassword = "knots-untied-2027";

    private static Task<HttpResponseMessage> AskAsync(HttpClient client, string email) =>
        client.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

    private static Task<HttpResponseMessage> SetAsync(HttpClient client, string link, string password, string? repeat = null) =>
        client.SubmitAsync(link, new Dictionary<string, string> { ["Input.New"] = password, ["Input.Repeat"] = repeat ?? password });

    private static async Task<string> PageAsync(HttpClient client, string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path));

    private static async Task<string> ResetLinkAsync(PinpointApp app, string email)
    {
        var message = Assert.Single(await app.MessagesAsync(email, NotificationKind.PasswordReset));
        return AccountMailbox.LinkIn(message, "/account/reset-password");
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_forgotten_password_is_reset_by_the_emailed_link_once_and_then_only_the_new_password_signs_in(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (_, userId, email) = await IntakeApiTests.RegisterClientAsync(app);
        using var visitor = app.NewBrowserLikeClient();

        using var asked = await AskAsync(visitor, email);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains($"If a Pinpoint account uses <strong>{email}</strong>, we have emailed it a link", await PageAsync(visitor, "/account/forgot-password"), StringComparison.Ordinal);
        var message = Assert.Single(await app.MessagesAsync(email, NotificationKind.PasswordReset));
        Assert.Null(message.BookingId);
        Assert.Equal(userId, message.UserId);
        Assert.Equal("Set a new password for Pinpoint", message.Subject);
        Assert.Contains("within 2 hours", message.Body, StringComparison.Ordinal);
        Assert.Contains("If you did not ask for this, you can ignore this email", message.Body, StringComparison.Ordinal);
        var link = AccountMailbox.LinkIn(message, "/account/reset-password");

        Assert.Contains($"For the Pinpoint account of <strong>{email}</strong>", await PageAsync(visitor, link), StringComparison.Ordinal);
        using var mismatch = await SetAsync(visitor, link, NewPassword, "knots-untied-2028");
        using var weak = await SetAsync(visitor, link, "short1");
        Assert.Contains("The two passwords differ.", WebUtility.HtmlDecode(await mismatch.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("at least 10 characters", await weak.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.True(await app.SignsInAsync(email, Registered), "A refused new password must leave the old one in place.");

        using var reset = await SetAsync(visitor, link, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("Your new password is set", await PageAsync(visitor, reset.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.True(await app.SignsInAsync(email, NewPassword));
        Assert.False(await app.SignsInAsync(email, Registered));

        // The link is spent: opening it again says so, and posting it again (a double click) changes nothing.
        Assert.Contains("This link has been used", await PageAsync(visitor, link), StringComparison.Ordinal);
        using var again = await visitor.PostWithoutItsFormAsync(link, new Dictionary<string, string> { ["Input.New"] = "another-password-2029", ["Input.Repeat"] = "another-password-2029" });
        Assert.Contains("This link has been used", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True(await app.SignsInAsync(email, NewPassword));

        // The owner is told, and the outbox sends account emails (no booking) like any other.
        var notice = Assert.Single(await app.MessagesAsync(email, NotificationKind.PasswordChanged));
        Assert.Contains("reset with a link we emailed to this address", notice.Body, StringComparison.Ordinal);
        await app.Scoped(s => s.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None));
        Assert.All(await app.MessagesAsync(email, NotificationKind.PasswordReset), m => Assert.NotNull(m.SentAt));
        Assert.All(await app.MessagesAsync(email, NotificationKind.PasswordChanged), m => Assert.NotNull(m.SentAt));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_unknown_address_gets_the_same_answer_as_a_known_one_and_no_email(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (_, _, known) = await IntakeApiTests.RegisterClientAsync(app);
        var unknown = $"nobody.{Guid.NewGuid():N}@example.test";
        using var first = app.NewBrowserLikeClient();
        using var second = app.NewBrowserLikeClient();

        using var forKnown = await AskAsync(first, known);
        using var forUnknown = await AskAsync(second, unknown);

        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(forKnown.Headers.Location, forUnknown.Headers.Location);
        var knownPage = AccountMailbox.Stable(await PageAsync(first, "/account/forgot-password")).Replace(known, "ADDRESS", StringComparison.Ordinal);
        var unknownPage = AccountMailbox.Stable(await PageAsync(second, "/account/forgot-password")).Replace(unknown, "ADDRESS", StringComparison.Ordinal);
        Assert.Equal(knownPage, unknownPage);
        Assert.Single(await app.MessagesAsync(known, NotificationKind.PasswordReset));
        Assert.Empty(await app.MessagesAsync(unknown, NotificationKind.PasswordReset));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_answer_for_an_address_is_the_same_to_the_byte_before_and_after_it_has_an_account(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var email = $"later.{Guid.NewGuid():N}@example.test";

        var before = await AnswerAsync(app, email);
        await app.Scoped(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PinpointUser>>();
            var user = new PinpointUser { DisplayName = "Sam Later", UserName = email, Email = email };
            Assert.True((await users.CreateAsync(user, NewPassword)).Succeeded);
        });
        var after = await AnswerAsync(app, email);

        Assert.Equal(HttpStatusCode.Redirect, before.Status);
        Assert.Equal(before, after); // status, redirect, the cookies set and the page, all but the antiforgery token
        Assert.Single(await app.MessagesAsync(email, NotificationKind.PasswordReset));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Every_answer_uses_up_one_outbox_id_so_a_Message_ID_does_not_tell_either(DatabaseProvider provider)
    {
        // Each email's Message-ID holds its outbox id: someone asking for links for two addresses of their own, with a
        // question about another address in between, reads the gap. It must be the same whatever the other address is.
        var app = await apps.For(provider);
        var (_, _, known) = await IntakeApiTests.RegisterClientAsync(app);
        var unknown = $"nobody.{Guid.NewGuid():N}@example.test";
        using var asker = app.NewBrowserLikeClient();
        var gaps = new List<long>();
        foreach (var other in new[] { known, unknown, known }) // the clock stands still: the second time, known is over its limit
        {
            var (_, _, before) = await IntakeApiTests.RegisterClientAsync(app);
            var (_, _, after) = await IntakeApiTests.RegisterClientAsync(app);
            using (await AskAsync(asker, before))
            using (await AskAsync(asker, other))
            using (await AskAsync(asker, after))
            {
                var first = Assert.Single(await app.MessagesAsync(before, NotificationKind.PasswordReset)).Id;
                gaps.Add(Assert.Single(await app.MessagesAsync(after, NotificationKind.PasswordReset)).Id - first);
            }
        }

        Assert.Single(await app.MessagesAsync(known, NotificationKind.PasswordReset));
        Assert.Equal([2L, 2L, 2L], gaps);
    }

    /// <summary>Asks for a link from a new browser: the status, the redirect, the names of the cookies set, and the page it leads to.</summary>
    private static async Task<(HttpStatusCode Status, string? Location, string Cookies, string Page)> AnswerAsync(PinpointApp app, string email)
    {
        using var client = app.NewBrowserLikeClient();
        using var response = await AskAsync(client, email);
        var cookies = string.Join(",", response.Headers.GetValues("Set-Cookie").Select(c => c[..c.IndexOf('=', StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
        return (response.StatusCode, response.Headers.Location?.OriginalString, cookies, AccountMailbox.Stable(await client.GetStringAsync("/account/forgot-password")));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_expired_link_is_refused_with_a_way_to_ask_again(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (_, _, email) = await IntakeApiTests.RegisterClientAsync(app);
        using var visitor = app.NewBrowserLikeClient();
        using var asked = await AskAsync(visitor, email);
        var link = await ResetLinkAsync(app, email);

        app.Clock.Advance(Duration.FromHours(2) + Duration.FromMinutes(1));

        var page = await PageAsync(visitor, link);
        Assert.Contains("This link has expired", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/forgot-password\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.New", page, StringComparison.Ordinal);
        // A form kept open past the expiry and posted anyway is refused the same way.
        using var posted = await visitor.PostWithoutItsFormAsync(link, new Dictionary<string, string> { ["Input.New"] = NewPassword, ["Input.Repeat"] = NewPassword });
        Assert.Contains("This link has expired", WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True(await app.SignsInAsync(email, Registered));
        Assert.False(await app.SignsInAsync(email, NewPassword));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Reset_emails_are_limited_per_account_and_a_double_click_sends_one(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (_, _, email) = await IntakeApiTests.RegisterClientAsync(app);
        using var visitor = app.NewBrowserLikeClient();

        using (await AskAsync(visitor, email))
        using (await AskAsync(visitor, email))
        {
            Assert.Single(await app.MessagesAsync(email, NotificationKind.PasswordReset));
        }

        for (var i = 0; i < 4; i++)
        {
            app.Clock.Advance(Duration.FromMinutes(2));
            using var asked = await AskAsync(visitor, email);
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        }

        Assert.Equal(PasswordResetsPerHour, (await app.MessagesAsync(email, NotificationKind.PasswordReset)).Count);
        app.Clock.Advance(Duration.FromHours(1));
        using (await AskAsync(visitor, email))
        {
            Assert.Equal(PasswordResetsPerHour + 1, (await app.MessagesAsync(email, NotificationKind.PasswordReset)).Count);
        }
    }

    private const int PasswordResetsPerHour = Pinpoint.Web.Features.Accounts.PasswordResets.PerHour;

    public static TheoryData<string> BadLinks => new()
    {
        "/account/reset-password",
        "/account/reset-password?user=&code=",
        "/account/reset-password?user=someone&code=abc",
        "/account/reset-password?user=someone&code=%F0%9F%94%91%00%FF",
        "/account/reset-password?user=someone&code=" + new string('A', 5000),
        "/account/reset-password?user=" + new string('x', 2000) + "&code=AAAA",
        "/account/reset-password?user=someone&user=other&code=a&code=b",
    };

    [Theory]
    [MemberData(nameof(BadLinks))]
    public async Task A_broken_link_gets_a_friendly_page_never_a_500(string path)
    {
        var app = await apps.For(DatabaseProvider.Sqlite);
        using var visitor = app.NewBrowserLikeClient();

        using var response = await visitor.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This link does not work", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Odd_input_gets_a_field_error_or_a_4xx_never_a_500(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (_, userId, email) = await IntakeApiTests.RegisterClientAsync(app);
        using var visitor = app.NewBrowserLikeClient();

        using var empty = await AskAsync(visitor, "");
        using var notAnEmail = await AskAsync(visitor, "not an email");
        using var huge = await AskAsync(visitor, new string('a', 10_000) + "@example.test");
        using var noToken = await visitor.PostAsync("/account/forgot-password", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = email }));
        using var forgedLink = await visitor.PostWithoutItsFormAsync($"/account/reset-password?user={userId}&code=AAAA",
            new Dictionary<string, string> { ["Input.New"] = NewPassword, ["Input.Repeat"] = NewPassword });

        Assert.Contains("Enter your email address.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Enter a valid email address", await notAnEmail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("at most 256 characters", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("This link does not work", WebUtility.HtmlDecode(await forgedLink.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty(await app.MessagesAsync(email, NotificationKind.PasswordReset));
        Assert.True(await app.SignsInAsync(email, Registered));
    }
}
