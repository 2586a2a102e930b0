using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>The therapist's schedule page: their own visits by day, closing started visits, cancelling with a reason.</summary>
public sealed class TherapistSchedulePageTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private const string Page = "/therapist/schedule";
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];

    private static Instant At(int day, int hour) => Melbourne.AtStrictly(new LocalDateTime(2026, 11, day, hour, 0)).ToInstant();

    // Straight into the database, as BookingLifecycleTests does for visits in the past: the booking API only takes future times.
    private static async Task<Guid> InsertAsync(PinpointApp app, Guid therapistId, string clientId, Instant start)
    {
        var id = Guid.NewGuid();
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            db.Bookings.Add(new Booking
            {
                Id = id, ClientUserId = clientId, TherapistId = therapistId, Start = start, End = start + Duration.FromHours(1),
                OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70), Address = "9 Test St, Fitzroy",
            });
            await db.SaveChangesAsync();
        });
        return id;
    }

    private static Task<Booking> StoredAsync(PinpointApp app, Guid id) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.AsNoTracking().SingleAsync(b => b.Id == id));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, Guid id, Dictionary<string, string>? fields = null) =>
        client.SubmitAsync(Page, fields ?? [], postPath: $"{Page}?handler={handler}&id={id}");

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_schedule_lists_the_therapists_upcoming_visit_with_its_cautions_and_not_to_another_therapist(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        await client.PutAsJsonAsync("/api/intake/draft", IntakeApiTests.CompleteIntake("anticoagulants"));
        await client.PostAsJsonAsync("/api/intake/submit", new
        {
            consents = new Dictionary<string, string> { ["treatment"] = ConsentTexts.Treatment.Version, ["privacy"] = ConsentTexts.Privacy.Version },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new
            {
                therapistId, modality = "myofascial", durationMinutes = 60, start = OffsetDateTimePattern.Rfc3339.Format(At(25, 11).InZone(Melbourne).ToOffsetDateTime()),
                latitude = -37.8001, longitude = 144.9671, address = "1 Lygon St, Carlton",
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var created = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var page = WebUtility.HtmlDecode(await therapist.GetStringAsync(Page));

        var at = page.IndexOf($"data-booking=\"{id}\"", StringComparison.Ordinal);
        Assert.True(at > 0, "The visit is not listed.");
        var visit = page[at..page.IndexOf("</details>", at, StringComparison.Ordinal)];
        Assert.Contains("<time datetime=\"2026-11-25\">Wednesday 25 November</time>", page[..at], StringComparison.Ordinal);
        Assert.Contains(">11:00</time>–<time datetime=\"2026-11-25T12:00:00+11:00\">12:00</time>", visit, StringComparison.Ordinal);
        Assert.Contains("Alex Client", visit, StringComparison.Ordinal);
        Assert.Contains("Myofascial, 60 min · 1 Lygon St, Carlton", visit, StringComparison.Ordinal);
        Assert.Contains(">Blood thinners</li>", visit, StringComparison.Ordinal);
        Assert.Contains($"href=\"/therapist/clients/{clientId}\"", visit, StringComparison.Ordinal);
        Assert.Contains("Cancel visit", visit, StringComparison.Ordinal);

        using var other = await app.ClientForAsync(Principal.OtherTherapist);
        var theirs = await other.GetStringAsync(Page);
        Assert.DoesNotContain(id.ToString(), theirs, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Visits_are_grouped_by_day_in_the_therapists_own_zone(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        const string email = "therapist03@pinpoint.test";
        var therapistId = await app.TherapistIdAsync(email);
        await app.Scoped(s => s.GetRequiredService<PinpointDb>().Therapists.Where(t => t.Id == therapistId)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.TimeZoneId, "Australia/Perth")));
        var (_, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        await InsertAsync(app, therapistId, clientId, At(26, 1)); // Thursday 01:00 in Melbourne is Wednesday 22:00 in Perth

        using var therapist = await app.ClientForAsync(email);
        var page = WebUtility.HtmlDecode(await therapist.GetStringAsync(Page));

        Assert.Contains("Times in Australia/Perth.", page, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-25\">Wednesday 25 November</time>", page, StringComparison.Ordinal);
        Assert.Contains(">22:00</time>–", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Thursday 26 November", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineDataOnAllDatabases(Principal.Anonymous, "/account/login")]
    [InlineDataOnAllDatabases(Principal.Client, "/account/access-denied")]
    public async Task Only_therapists_open_the_schedule(DatabaseProvider provider, Principal who, string sentTo)
    {
        var app = await apps.For(provider);
        using var client = await app.ClientForAsync(who);

        using var response = await client.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(sentTo, response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_dashboard_and_the_navigation_link_to_the_schedule(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        var dashboard = await therapist.GetStringAsync("/therapist");

        Assert.Contains("<a class=\"button button-primary\" href=\"/therapist/schedule\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"/therapist/schedule\">My schedule</a></li>", dashboard, StringComparison.Ordinal);
    }

    [Theory]
    [InlineDataOnAllDatabases("Complete", BookingStatus.Completed, "is marked completed.", 30)]
    [InlineDataOnAllDatabases("NoShow", BookingStatus.NoShow, "is marked as a no-show.", 33)]
    public async Task A_started_visit_is_closed_on_the_page(DatabaseProvider provider, string handler, BookingStatus expected, string message, int hoursAgo)
    {
        // Each row at its own time: the two visits share a therapist, and PostgreSQL refuses overlapping visits.
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (_, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        var id = await InsertAsync(app, therapistId, clientId, app.Clock.GetCurrentInstant() - Duration.FromHours(hoursAgo));
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var before = WebUtility.HtmlDecode(await therapist.GetStringAsync(Page));
        Assert.Contains($"action=\"{Page}?id={id}&handler={handler}\"", before, StringComparison.Ordinal);

        using var response = await PostAsync(therapist, handler, id);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, (await StoredAsync(app, id)).Status);
        var page = WebUtility.HtmlDecode(await therapist.GetStringAsync(Page));
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.Contains($"data-booking=\"{id}\" data-status=\"{expected.ToString().ToLowerInvariant()}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"id={id}", page, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Marking_a_future_visit_completed_explains_why_not_and_changes_nothing(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (_, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        var id = await InsertAsync(app, therapistId, clientId, At(27, 15));
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        using var response = await PostAsync(therapist, "Complete", id);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(BookingStatus.Confirmed, (await StoredAsync(app, id)).Status);
        var page = WebUtility.HtmlDecode(await therapist.GetStringAsync(Page));
        Assert.Contains("data-testid=\"problem\">A visit can be closed once it has started or the therapist has checked in, and only once.<", page, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Another_therapists_visit_is_not_found_and_stays_as_it_was(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (_, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        var past = await InsertAsync(app, therapistId, clientId, app.Clock.GetCurrentInstant() - Duration.FromHours(50));
        var future = await InsertAsync(app, therapistId, clientId, At(29, 15));
        // The lifecycle lets an admin act on any booking; on this page a therapist who is also an admin still has only their own.
        const string adminTherapist = "therapist04@pinpoint.test";
        await app.Scoped(async s =>
        {
            var users = s.GetRequiredService<UserManager<PinpointUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByEmailAsync(adminTherapist))!, Roles.Admin)).Succeeded);
        });
        using var other = await app.ClientForAsync(Principal.OtherTherapist);
        using var admin = await app.ClientForAsync(adminTherapist);

        using var closed = await PostAsync(other, "NoShow", past);
        var afterClose = WebUtility.HtmlDecode(await other.GetStringAsync(Page));
        using var cancelled = await PostAsync(admin, "Cancel", future, new() { ["reason"] = "Not mine" });
        var afterCancel = WebUtility.HtmlDecode(await admin.GetStringAsync(Page));

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("There is no such visit in your schedule.", afterClose, StringComparison.Ordinal);
        Assert.Contains("There is no such visit in your schedule.", afterCancel, StringComparison.Ordinal);
        Assert.Equal(BookingStatus.Confirmed, (await StoredAsync(app, past)).Status);
        Assert.Equal(BookingStatus.Confirmed, (await StoredAsync(app, future)).Status);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Cancelling_without_a_reason_shows_the_error_at_the_field_and_keeps_the_visit(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (_, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        var id = await InsertAsync(app, therapistId, clientId, At(28, 9));
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        using var response = await PostAsync(therapist, "Cancel", id, new() { ["reason"] = "   " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<span id=\"reason-error-{id}\" class=\"field-error\" data-testid=\"reason-error\">Give the client a reason for cancelling.</span>", html, StringComparison.Ordinal);
        Assert.Matches($"<input id=\"reason-{id}\"[^>]*aria-invalid=\"true\"", html);
        Assert.Equal(BookingStatus.Confirmed, (await StoredAsync(app, id)).Status);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Cancelling_with_a_reason_cancels_the_visit_free_of_charge(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (_, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        var id = await InsertAsync(app, therapistId, clientId, At(24, 16)); // today: a client would owe a late fee
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        using var response = await PostAsync(therapist, "Cancel", id, new() { ["reason"] = "Car broke down" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync(app, id);
        Assert.Equal(BookingStatus.Cancelled, stored.Status);
        Assert.Equal("Car broke down", stored.StatusReason);
        Assert.Equal(0m, stored.FeeAmount);
        var page = WebUtility.HtmlDecode(await therapist.GetStringAsync(Page));
        Assert.Contains("The visit on Tue 24 Nov, 16:00 is cancelled.", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-booking=\"{id}\"", page, StringComparison.Ordinal);
    }
}
