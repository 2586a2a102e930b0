using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Emails through the outbox: confirmation with a calendar invitation, one reminder even across a restart, cancellation.</summary>
public sealed class NotificationTests
{
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];

    private static string At(int day, int hour) =>
        OffsetDateTimePattern.Rfc3339.Format(Melbourne.AtStrictly(new LocalDateTime(2026, 11, day, hour, 0)).ToOffsetDateTime());

    private static async Task<Guid> BookAsync(HttpClient client, Guid therapistId, string start)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new { therapistId, modality = "myofascial", durationMinutes = 60, start, latitude = -37.8001, longitude = 144.9671, address = "1 Lygon St, Carlton" }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<int> DispatchAsync(PinpointApp app)
    {
        await app.DrainEventsAsync();
        return await app.Scoped(s => s.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None));
    }

    private static string[] Mail(IServiceProvider services) =>
        services.GetRequiredService<IEmailSender>() is SmtpEmailSender smtp && Directory.Exists(smtp.PickupPath)
            ? [.. Directory.GetFiles(smtp.PickupPath, "*.eml").Select(File.ReadAllText)]
            : [];

    /// <summary>The sign-up email the client opened the account with, before any booking: not one of the visit's.</summary>
    private static bool OpensAccount(string message) =>
        message.Contains("Subject: Confirm your email to finish opening your account", StringComparison.Ordinal);

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_booking_sends_a_confirmation_with_an_invitation_and_one_reminder_even_across_a_restart(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new PinpointApp(database, seedDemo: true);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, email) = await IntakeApiTests.RegisterClientAsync(app);
        var bookingId = await BookAsync(client, therapistId, At(26, 10)); // now: Tue 24 Nov 09:00

        await DispatchAsync(app);
        // The therapist's copy is the other message (its own test below): here, what the client gets.
        var confirmation = Assert.Single(Mail(app.Services), m => m.Contains($"To: {email}", StringComparison.Ordinal) && !OpensAccount(m));
        Assert.Contains($"To: {email}", confirmation, StringComparison.Ordinal);
        Assert.Contains("Booked: Myofascial", confirmation, StringComparison.Ordinal);
        Assert.Contains("text/calendar", confirmation, StringComparison.Ordinal);
        Assert.Contains("method=REQUEST", confirmation, StringComparison.Ordinal);
        var ics = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Notification>()
            .Where(n => n.BookingId == bookingId && n.Kind == NotificationKind.Confirmation).Select(n => n.Ics).SingleAsync());
        Assert.Contains($"UID:{bookingId:N}@pinpoint", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20261125T230000Z", ics, StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromHours(26)); // now Wed 11:00: the reminder (due Wed 10:00) is due
        await DispatchAsync(app);
        await using (var restarted = app.WithWebHostBuilder(_ => { }))
        {
            await restarted.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None);
        }

        await DispatchAsync(app);
        var mails = Mail(app.Services).Where(m => m.Contains($"To: {email}", StringComparison.Ordinal) && !OpensAccount(m)).ToArray();
        Assert.Single(mails, m => m.Contains("Tomorrow: Myofascial", StringComparison.Ordinal));
        Assert.Equal(2, mails.Length);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_therapist_is_told_of_a_new_a_moved_and_a_cancelled_visit_with_links_from_the_public_address(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new PinpointApp(database, seedDemo: true, b => b.UseSetting("Site:PublicBaseUrl", "https://book.pinpoint.example/"));
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, email) = await IntakeApiTests.RegisterClientAsync(app);
        var bookingId = await BookAsync(client, therapistId, At(26, 10));
        await app.DrainEventsAsync(); // each change's emails are written before the next change, as when people act
        using (var moved = await client.PostAsJsonAsync($"/api/bookings/{bookingId}/reschedule", new { start = At(27, 11) }))
        {
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }

        await app.DrainEventsAsync();

        using (var cancelled = await client.PostAsJsonAsync($"/api/bookings/{bookingId}/cancel", new { reason = "Away" }))
        {
            Assert.True(cancelled.IsSuccessStatusCode, await cancelled.Content.ReadAsStringAsync());
        }

        await app.DrainEventsAsync();
        var rows = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Notification>().AsNoTracking()
            .Where(n => n.BookingId == bookingId).ToListAsync());

        var toTherapist = rows.Where(n => n.To == SignIn.TherapistEmail).OrderBy(n => n.Sequence).ToList();
        Assert.Equal([NotificationKind.Assignment, NotificationKind.TherapistMoved, NotificationKind.TherapistCancel], toTherapist.Select(n => n.Kind));
        Assert.Equal([0, 1, 2], toTherapist.Select(n => n.Sequence));
        Assert.Contains("has booked a visit with you", toTherapist[0].Body, StringComparison.Ordinal);
        Assert.Contains("https://book.pinpoint.example/therapist/day?date=2026-11-26", toTherapist[0].Body, StringComparison.Ordinal);
        Assert.Contains("https://book.pinpoint.example/therapist/day?date=2026-11-27", toTherapist[1].Body, StringComparison.Ordinal);
        Assert.Contains("METHOD:REQUEST", toTherapist[1].Ics, StringComparison.Ordinal);
        Assert.Contains("METHOD:CANCEL", toTherapist[2].Ics, StringComparison.Ordinal);
        Assert.DoesNotContain("temple", string.Concat(toTherapist.Select(n => n.Body)), StringComparison.OrdinalIgnoreCase);
        // Every link the client is sent is absolute too: a mail app has no page to be relative to.
        Assert.All(rows.Where(n => n.To == email && n.Kind != NotificationKind.Reminder), n => Assert.Contains("https://book.pinpoint.example/bookings", n.Body, StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_cancellation_sends_a_cancel_invitation_and_the_reminder_is_dropped(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new PinpointApp(database, seedDemo: true);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        var bookingId = await BookAsync(client, therapistId, At(27, 10));
        await client.PostAsJsonAsync($"/api/bookings/{bookingId}/cancel", new { reason = "Away" });

        app.Clock.Advance(Duration.FromDays(3));
        await DispatchAsync(app);

        var mails = Mail(app.Services);
        Assert.Contains(mails, m => m.Contains("Cancelled: Myofascial", StringComparison.Ordinal) && m.Contains("method=CANCEL", StringComparison.Ordinal));
        Assert.DoesNotContain(mails, m => m.Contains("Tomorrow:", StringComparison.Ordinal));
        var cancelIcs = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Notification>()
            .Where(n => n.BookingId == bookingId && n.Kind == NotificationKind.Cancellation).Select(n => n.Ics).SingleAsync());
        Assert.Contains("SEQUENCE:1", cancelIcs, StringComparison.Ordinal);
        Assert.Contains("STATUS:CANCELLED", cancelIcs, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_therapist_subscribes_to_a_private_calendar_feed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new PinpointApp(database, seedDemo: true);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        var bookingId = await BookAsync(client, therapistId, At(26, 10));
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        var link = (await therapist.GetFromJsonAsync<JsonElement>("/api/therapists/me/calendar-link")).GetProperty("url").GetString()!;
        var again = (await therapist.GetFromJsonAsync<JsonElement>("/api/therapists/me/calendar-link")).GetProperty("url").GetString()!;
        using var anonymous = app.CreateClient();
        using var feed = await anonymous.GetAsync(new Uri(link).PathAndQuery);

        Assert.Equal(link, again);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var text = await feed.Content.ReadAsStringAsync();
        Assert.Contains($"UID:{bookingId:N}@pinpoint", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lygon", text.Replace("\r\n ", "", StringComparison.Ordinal).Split("SUMMARY")[1].Split("DESCRIPTION")[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/not-a-real-token-but-long-enough-to-look-like-one.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/therapists/me/calendar-link")).StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_new_calendar_address_stops_the_old_one_at_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new PinpointApp(database, seedDemo: true);
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        using var anonymous = app.CreateClient();
        var old = (await therapist.GetFromJsonAsync<JsonElement>("/api/therapists/me/calendar-link")).GetProperty("url").GetString()!;

        using var renewed = await therapist.PostAsync("/api/therapists/me/calendar-link/renewal", null);
        var fresh = (await renewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.NotEqual(old, fresh);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(old).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(fresh).PathAndQuery)).StatusCode);
        Assert.Equal(fresh, (await therapist.GetFromJsonAsync<JsonElement>("/api/therapists/me/calendar-link")).GetProperty("url").GetString());

        // The dashboard's button does the same.
        using var page = await therapist.SubmitAsync("/therapist", new Dictionary<string, string>(), postPath: "/therapist?handler=NewCalendarLink");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(fresh).PathAndQuery)).StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_dashboard_offers_the_calendar_feed_at_the_public_address_and_first_calls_at_once_agree_on_one(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new PinpointApp(database, seedDemo: true, b => b.UseSetting("Site:PublicBaseUrl", "https://book.pinpoint.example"));
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        Assert.Contains("data-testid=\"make-calendar-link\"", await therapist.GetStringAsync("/therapist"), StringComparison.Ordinal);

        var links = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            (await therapist.GetFromJsonAsync<JsonElement>("/api/therapists/me/calendar-link")).GetProperty("url").GetString()!));

        Assert.Single(links.Distinct(StringComparer.Ordinal));
        Assert.StartsWith("https://book.pinpoint.example/calendar/", links[0], StringComparison.Ordinal);
        var dashboard = await therapist.GetStringAsync("/therapist");
        Assert.Contains($"value=\"{links[0]}\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("href=\"webcal://book.pinpoint.example/calendar/", dashboard, StringComparison.Ordinal);
    }
}
