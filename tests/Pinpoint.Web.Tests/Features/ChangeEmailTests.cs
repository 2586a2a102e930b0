using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>
/// Changing the sign-in email: asked for with the password, made only by the link sent to the new address, told
/// to the old address; an address another account uses is refused.
/// </summary>
public sealed class ChangeEmailTests(AppsFixture apps) : IClassFixture<AppsFixture>
{
    private const string Password = "tight-traps-2026"; // what IntakeApiTests.RegisterClientAsync signs up with

    private static Task<HttpResponseMessage> AskAsync(HttpClient client, string newEmail, string password = Password) =>
        client.SubmitAsync("/account/email", new Dictionary<string, string> { ["Input.NewEmail"] = newEmail, ["Input.Password"] = password });

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static Task<(string? Email, string? UserName)> StoredAsync(PinpointApp app, string userId) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new ValueTuple<string?, string?>(u.Email, u.UserName)).SingleAsync());

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_new_email_takes_effect_only_when_its_link_is_confirmed_and_the_old_address_is_told(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, userId, oldEmail) = await IntakeApiTests.RegisterClientAsync(app);
        var newEmail = $"moved.{Guid.NewGuid():N}@example.test";

        using var asked = await AskAsync(client, newEmail);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains($"We have sent a link to {newEmail}", WebUtility.HtmlDecode(await client.GetStringAsync("/account/email")), StringComparison.Ordinal);
        // Asking changes nothing yet.
        Assert.Equal((oldEmail, oldEmail), await StoredAsync(app, userId));
        Assert.True(await app.SignsInAsync(oldEmail, Password));
        var confirmation = Assert.Single(await app.MessagesAsync(newEmail, NotificationKind.EmailConfirm));
        Assert.Contains("within 24 hours", confirmation.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(oldEmail, confirmation.Body, StringComparison.Ordinal); // a mistyped address learns nothing about the account
        var link = AccountMailbox.LinkIn(confirmation, "/account/confirm-email");

        // Opening the link (as a mail scanner would) asks; only the button changes the address.
        using var visitor = app.NewBrowserLikeClient();
        Assert.Contains("Confirm your new email", WebUtility.HtmlDecode(await visitor.GetStringAsync(link)), StringComparison.Ordinal);
        Assert.Equal((oldEmail, oldEmail), await StoredAsync(app, userId));
        using var confirmed = await client.SubmitAsync(link, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains($"You sign in with <strong>{newEmail}</strong> from now on", WebUtility.HtmlDecode(await client.GetStringAsync(confirmed.Headers.Location!.OriginalString)), StringComparison.Ordinal);

        Assert.Equal((newEmail, newEmail), await StoredAsync(app, userId));
        Assert.True(await app.SignsInAsync(newEmail, Password));
        Assert.False(await app.SignsInAsync(oldEmail, Password));
        // This device stays signed in, under the new address.
        Assert.Contains(newEmail, await client.GetStringAsync("/account"), StringComparison.Ordinal);
        var notice = Assert.Single(await app.MessagesAsync(oldEmail, NotificationKind.EmailChanged));
        Assert.Contains($"from this address to {newEmail[0]}***@example.test", notice.Body, StringComparison.Ordinal);
        Assert.Contains("If it was not you", notice.Body, StringComparison.Ordinal);

        // The link again, opened or pressed (a double click), says it is done and changes nothing more.
        using var reopened = await visitor.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        using var pressedAgain = await visitor.PostWithoutItsFormAsync(link, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, pressedAgain.StatusCode);
        Assert.Single(await app.MessagesAsync(oldEmail, NotificationKind.EmailChanged));
        Assert.Equal((newEmail, newEmail), await StoredAsync(app, userId));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_wrong_password_an_address_in_use_or_a_malformed_one_is_refused_by_field(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, userId, email) = await IntakeApiTests.RegisterClientAsync(app);
        var (_, _, someoneElse) = await IntakeApiTests.RegisterClientAsync(app);
        var wanted = $"wanted.{Guid.NewGuid():N}@example.test";

        using var wrongPassword = await AskAsync(client, wanted, "not-my-password-1");
        using var taken = await AskAsync(client, someoneElse.ToUpperInvariant());
        using var same = await AskAsync(client, email);
        using var malformed = await AskAsync(client, "two@at@signs");
        using var unusable = await AskAsync(client, "o'brien@example.test");
        using var huge = await AskAsync(client, new string('a', 5000) + "@example.test");
        using var blank = await AskAsync(client, "", "");

        Assert.Contains("That is not your current password.", await TextAsync(wrongPassword), StringComparison.Ordinal);
        Assert.Contains("Another Pinpoint account already uses this address.", await TextAsync(taken), StringComparison.Ordinal);
        Assert.Contains("That is already your email address.", await TextAsync(same), StringComparison.Ordinal);
        Assert.Contains("Enter a valid email address", await TextAsync(malformed), StringComparison.Ordinal);
        Assert.Contains("We cannot use this address to sign in", await TextAsync(unusable), StringComparison.Ordinal);
        Assert.Contains("at most 256 characters", await TextAsync(huge), StringComparison.Ordinal);
        Assert.Contains("Enter the new email address.", await TextAsync(blank), StringComparison.Ordinal);
        Assert.All([wrongPassword, taken, same, malformed, unusable, huge, blank], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Empty(await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Notification>()
            .Where(n => n.UserId == userId && n.Kind == NotificationKind.EmailConfirm).ToListAsync()));
        Assert.Equal((email, email), await StoredAsync(app, userId));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_link_whose_address_was_taken_meanwhile_or_that_expired_changes_nothing(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, userId, email) = await IntakeApiTests.RegisterClientAsync(app);
        var first = $"first.{Guid.NewGuid():N}@example.test";
        var second = $"second.{Guid.NewGuid():N}@example.test";
        using (await AskAsync(client, first))
        using (await AskAsync(client, second))
        {
        }

        // Someone else signs up with the first address before the link is pressed.
        var firstLink = AccountMailbox.LinkIn(Assert.Single(await app.MessagesAsync(first, NotificationKind.EmailConfirm)), "/account/confirm-email");
        await app.Scoped(async s =>
        {
            var created = await s.GetRequiredService<UserManager<PinpointUser>>().CreateAsync(new PinpointUser { DisplayName = "Quick Sam", UserName = first, Email = first }, Password);
            Assert.True(created.Succeeded);
        });

        using var taken = await client.SubmitAsync(firstLink, new Dictionary<string, string>());
        Assert.Contains("This address is taken", await TextAsync(taken), StringComparison.Ordinal);

        var secondLink = AccountMailbox.LinkIn(Assert.Single(await app.MessagesAsync(second, NotificationKind.EmailConfirm)), "/account/confirm-email");
        app.Clock.Advance(Duration.FromHours(24) + Duration.FromMinutes(1));
        using var expired = await client.GetAsync(secondLink);
        Assert.True(expired.StatusCode == HttpStatusCode.OK, $"{expired.StatusCode} {expired.Headers.Location}");
        Assert.Contains("This link has expired", await TextAsync(expired), StringComparison.Ordinal);
        using var late = await client.PostWithoutItsFormAsync(secondLink, new Dictionary<string, string>());
        Assert.Contains("This link has expired", await TextAsync(late), StringComparison.Ordinal);

        using var forged = await client.PostWithoutItsFormAsync($"/account/confirm-email?user={userId}&email={Uri.EscapeDataString(second)}&code=AAAA", new Dictionary<string, string>());
        Assert.Contains("This link does not work", await TextAsync(forged), StringComparison.Ordinal);
        Assert.Equal((email, email), await StoredAsync(app, userId));
        Assert.Empty(await app.MessagesAsync(email, NotificationKind.EmailChanged));
    }
}
