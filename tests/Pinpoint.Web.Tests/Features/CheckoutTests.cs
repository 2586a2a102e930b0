using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>The review step is the checkout: the exact address, how to get in and, for a new client, the account.</summary>
public sealed partial class CheckoutTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];

    private static string At(int day, int hour) =>
        OffsetDateTimePattern.Rfc3339.Format(Melbourne.AtStrictly(new LocalDateTime(2026, 11, day, hour, 0)).ToOffsetDateTime());

    private static string Review(Guid therapistId, string start, string typed = "45 Brunswick Street, Fitzroy") =>
        $"/book/review?therapist={therapistId}&modality=myofascial&minutes=60&start={Uri.EscapeDataString(start)}" +
        $"&latitude=-37.7986&longitude=144.9784&address={Uri.EscapeDataString(typed)}&regions=temple-left%3A6";

    private static Dictionary<string, string> Checkout(string email, string password = "gentle-pressure-42") => new()
    {
        ["Number"] = "45", ["Street"] = "Brunswick Street", ["Suburb"] = "Fitzroy", ["Postcode"] = "3065", ["Unit"] = "2",
        ["AccessNotes"] = "Side gate, the dog is friendly",
        ["Name"] = "Jordan Lee", ["Email"] = email, ["Mobile"] = "0412 345 678", ["Password"] = password,
    };

    private static async Task<(string Token, string Key)> FormOfAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return (WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value), KeyPattern().Match(html).Groups[1].Value);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, (string Token, string Key) form, Dictionary<string, string> fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = form.Token, ["IdempotencyKey"] = form.Key,
        }));

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_review_starts_from_what_the_client_typed_with_the_street_in_the_right_suburb(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        using var anonymous = app.NewBrowserLikeClient();

        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync(Review(therapistId, At(27, 9), "2/45 Brunswick St Fitzroy 3065")));

        Assert.Contains("name=\"Unit\" type=\"text\" value=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Number\" type=\"text\" value=\"45\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Street\" type=\"text\" value=\"Brunswick St\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Suburb\" type=\"text\" value=\"Fitzroy\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Postcode\" type=\"text\" value=\"3065\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Mobile\"", html, StringComparison.Ordinal); // the new client's account is opened here
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_new_client_opens_the_account_and_books_in_one_step_and_the_therapist_sees_how_to_reach_them(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var email = $"jordan.{Guid.NewGuid():N}@example.test";
        using var anonymous = app.NewBrowserLikeClient();
        var path = Review(therapistId, At(27, 10));

        using var response = await anonymous.SubmitAsync(path, Checkout(email));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/bookings?confirmed=", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var booking = await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var user = await s.GetRequiredService<UserManager<PinpointUser>>().FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.Equal("+61412345678", user.PhoneNumber);
            Assert.True(await s.GetRequiredService<UserManager<PinpointUser>>().IsInRoleAsync(user, Roles.Client));
            Assert.False(user.AwaitingConfirmation); // open at once: the checkout signs in and books in one step
            return await db.Bookings.AsNoTracking().SingleAsync(b => b.ClientUserId == user.Id);
        });
        Assert.Equal("Unit 2, 45 Brunswick Street, Fitzroy VIC 3065", booking.Address);
        Assert.Equal("Side gate, the dog is friendly", booking.AccessNotes);
        Assert.Contains("temple-left", booking.PainJson, StringComparison.Ordinal);

        // Signed in by the same step: the confirmation is theirs to read. And the password signs in later too.
        using var confirmation = await anonymous.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        Assert.True(await app.SignsInAsync(email, "gentle-pressure-42"));

        // The therapist of the visit sees the number to call and how to get in; the day is that of the visit.
        using var therapist = await app.ClientForAsync(SignIn.TherapistEmail);
        var day = WebUtility.HtmlDecode(await therapist.GetStringAsync("/therapist/day?date=2026-11-27"));
        Assert.Contains("href=\"tel:+61412345678\"", day, StringComparison.Ordinal);
        Assert.Contains("0412 345 678", day, StringComparison.Ordinal);
        Assert.Contains("Side gate, the dog is friendly", day, StringComparison.Ordinal);
        var schedule = WebUtility.HtmlDecode(await therapist.GetStringAsync("/therapist/schedule"));
        Assert.Contains("href=\"tel:+61412345678\"", schedule, StringComparison.Ordinal);

        // Another therapist never sees it.
        using var other = await app.ClientForAsync(SignIn.OtherTherapistEmail);
        Assert.DoesNotContain("+61412345678", await other.GetStringAsync("/therapist/day?date=2026-11-27"), StringComparison.Ordinal);
        Assert.DoesNotContain("+61412345678", await other.GetStringAsync("/therapist/schedule"), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_double_click_on_confirm_opens_one_account_and_books_once(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var email = $"twice.{Guid.NewGuid():N}@example.test";
        using var browser = app.NewBrowserLikeClient();
        var path = Review(therapistId, At(25, 10));
        var form = await FormOfAsync(browser, path);

        var responses = await Task.WhenAll(PostAsync(browser, path, form, Checkout(email)), PostAsync(browser, path, form, Checkout(email)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location?.OriginalString).Distinct());
        var (accounts, bookings) = await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var ids = await db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).ToListAsync();
            return (ids.Count, await db.Bookings.CountAsync(b => ids.Contains(b.ClientUserId)));
        });
        Assert.Equal(1, accounts);
        Assert.Equal(1, bookings);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Someone_with_an_account_books_with_its_password_and_a_wrong_one_books_nothing(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var email = $"returning.{Guid.NewGuid():N}@example.test";
        using (var first = app.NewBrowserLikeClient())
        {
            using var opened = await first.SubmitAsync(Review(therapistId, At(26, 9)), Checkout(email));
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        }

        using var wrong = app.NewBrowserLikeClient();
        using var refused = await wrong.SubmitAsync(Review(therapistId, At(26, 11)), Checkout(email, "not-the-password-1"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("This email already has an account", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var right = app.NewBrowserLikeClient();
        using var booked = await right.SubmitAsync(Review(therapistId, At(26, 11)), Checkout(email));
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var count = await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var id = await db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync();
            return await db.Bookings.CountAsync(b => b.ClientUserId == id);
        });
        Assert.Equal(2, count);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Missing_or_odd_answers_are_named_by_field_and_book_nothing(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var email = $"odd.{Guid.NewGuid():N}@example.test";
        var fields = Checkout(email);
        fields["Number"] = "";
        fields["Postcode"] = "30";
        fields["Mobile"] = "03 9123 4567";
        fields["AccessNotes"] = new string('x', 501);
        using var anonymous = app.NewBrowserLikeClient();

        using var response = await anonymous.SubmitAsync(Review(therapistId, At(26, 13)), fields);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var field in new[] { "number", "postcode", "mobile", "accessNotes" })
        {
            Assert.Contains($"data-testid=\"error-{field}\"", html, StringComparison.Ordinal);
        }

        // A suburb far from where the times were found is refused rather than booked with the wrong travel.
        var far = Checkout(email);
        far["Suburb"] = "Frankston";
        far["Postcode"] = "3199";
        using var farAway = await anonymous.SubmitAsync(Review(therapistId, At(26, 13)), far);
        Assert.Contains("is not where we looked for times", WebUtility.HtmlDecode(await farAway.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var accounts = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));
        Assert.Equal(0, accounts);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"IdempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex KeyPattern();
}
