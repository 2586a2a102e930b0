using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Intake;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Features.Planning;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Plan the day: window requests and a confirmed booking → an approved plan → confirmed bookings.</summary>
public sealed class DayPlanningTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    /// <summary>Asks for a plan of the date and waits for the worker to propose it.</summary>
    internal static async Task<JsonElement> PlanAsync(HttpClient admin, string date)
    {
        using var requested = await admin.PostAsJsonAsync("/api/admin/plans", new { date, area = "melbourne" });
        Assert.True(requested.StatusCode == HttpStatusCode.Accepted, await requested.Content.ReadAsStringAsync());
        var location = requested.Headers.Location!.OriginalString;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var plan = await admin.GetFromJsonAsync<JsonElement>(location);
            if (plan.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                return plan;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The plan was not ready within 30 seconds.");
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_request_goes_only_to_therapists_of_the_gender_the_client_asked_for(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var response = await WindowBookingTests.RequestWindowAsync(client, WindowBookingTests.At(12, 3, 9), WindowBookingTests.At(12, 3, 12), "needs");
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var (day, reachingWomen) = await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var male = IntakeJson.Write(new SessionPreferences { TherapistGender = "male" });
            await db.Bookings.Where(b => b.Id == id).ExecuteUpdateAsync(u => u.SetProperty(b => b.PreferencesJson, male));
            var day = await s.GetRequiredService<DayProblemBuilder>().BuildAsync(new LocalDate(2026, 12, 3), Zones.Areas.Find("melbourne")!, CancellationToken.None);
            var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == id);
            var travel = s.GetRequiredService<ITravelTimeModel>();
            var client = new GeoPoint(booking.ClientLatitude, booking.ClientLongitude);
            // Without the preference these women would be offered the visit: the filter is what keeps them out.
            return (day, day.Therapists.Count(t => t.Gender == MatchGender.Female && AvailabilityEngine.Reaches(travel, t.Home, client, t.MaxTravel, t.MaxRadiusKm)));
        });

        var visit = day.Problem.Visits[day.Bookings.ToList().FindIndex(b => b?.Id == id)];
        Assert.True(reachingWomen > 0);
        Assert.NotEmpty(visit.Allowed!);
        Assert.All(visit.Allowed!, t => Assert.Equal(MatchGender.Male, day.Therapists.Single(p => p.Id.ToString() == t).Gender));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Window_requests_are_planned_around_a_confirmed_booking_and_approval_confirms_them(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        const string day = "2026-12-02"; // a Wednesday; the demo seed plans tomorrow, this test owns this day
        var windows = new (int Hour, double Latitude, double Longitude)[] { (8, -37.8001, 144.9671), (9, -37.7986, 144.9784), (12, -37.7667, 144.9600), (13, -37.8183, 144.9980) };
        var requests = new List<Guid>();
        foreach (var (hour, latitude, longitude) in windows)
        {
            var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
            using var response = await WindowBookingTests.RequestWindowAsync(
                client, WindowBookingTests.At(12, 2, hour), WindowBookingTests.At(12, 2, hour + 3), $"plan-{hour}", latitude, longitude);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            requests.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (fixedClient, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var exact = await fixedClient.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new
            {
                therapistId, modality = "myofascial", durationMinutes = 60, start = WindowBookingTests.At(12, 2, 10), latitude = -37.7986, longitude = 144.9784, address = "Fitzroy",
            }),
            Headers = { { "Idempotency-Key", "fixed" } },
        });
        Assert.True(exact.StatusCode == HttpStatusCode.Created, await exact.Content.ReadAsStringAsync());
        var fixedId = (await exact.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var fixedBefore = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.AsNoTracking().SingleAsync(b => b.Id == fixedId));
        using var admin = await app.ClientForAsync(Principal.Admin);

        var plan = await PlanAsync(admin, day);

        Assert.Equal("proposed", plan.GetProperty("status").GetString());
        Assert.Equal(requests.Count, plan.GetProperty("planned").GetInt32());
        Assert.Empty(plan.GetProperty("unassigned").EnumerateArray());
        var stops = plan.GetProperty("routes").EnumerateArray().SelectMany(r => r.GetProperty("stops").EnumerateArray()).ToList();
        var fixedStop = Assert.Single(stops, s => s.GetProperty("bookingId").GetGuid() == fixedId);
        Assert.True(fixedStop.GetProperty("fixed").GetBoolean());
        Assert.Equal(WindowBookingTests.At(12, 2, 10), fixedStop.GetProperty("start").GetString());
        Assert.True(plan.GetProperty("naiveTravelMinutes").GetDouble() >= 0 && plan.GetProperty("travelMinutes").GetDouble() > 0);

        using var approved = await admin.PostAsync($"/api/admin/plans/{plan.GetProperty("id").GetGuid()}/approve", null);
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        using var again = await admin.PostAsync($"/api/admin/plans/{plan.GetProperty("id").GetGuid()}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        await app.DrainEventsAsync();
        var (bookings, notifications) = await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            return (await db.Bookings.AsNoTracking().ToListAsync(), await db.Set<Notification>().AsNoTracking().ToListAsync());
        });
        foreach (var (id, (hour, _, _)) in requests.Zip(windows))
        {
            var booking = bookings.Single(b => b.Id == id);
            Assert.Equal(BookingStatus.Confirmed, booking.Status);
            Assert.NotNull(booking.TherapistId);
            Assert.InRange(booking.Start!.Value, booking.WindowStart!.Value, booking.WindowEnd!.Value);
            Assert.Contains(notifications, n => n.BookingId == id && n.Kind == NotificationKind.Confirmation && n.Sequence == 1 && n.Ics is not null);
            Assert.Contains(notifications, n => n.BookingId == id && n.Kind == NotificationKind.Assignment && n.To.EndsWith("@pinpoint.test", StringComparison.Ordinal));
        }

        var fixedAfter = bookings.Single(b => b.Id == fixedId);
        Assert.Equal((fixedBefore.TherapistId, fixedBefore.Start, fixedBefore.Sequence), (fixedAfter.TherapistId, fixedAfter.Start, fixedAfter.Sequence));
        foreach (var therapist in bookings.Where(b => b.IsScheduled && b.Status != BookingStatus.Cancelled).GroupBy(b => b.TherapistId))
        {
            var ordered = therapist.OrderBy(b => b.OccupiedStart).ToList();
            Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.First.OccupiedEnd <= pair.Second.OccupiedStart, $"Overlap for therapist {therapist.Key}"));
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_booking_taken_since_planning_fails_and_stays_requested(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var request = await WindowBookingTests.RequestWindowAsync(client, WindowBookingTests.At(12, 3, 8), WindowBookingTests.At(12, 3, 11), "taken");
        var id = (await request.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var admin = await app.ClientForAsync(Principal.Admin);
        var plan = await PlanAsync(admin, "2026-12-03");
        var stop = plan.GetProperty("routes").EnumerateArray().SelectMany(r => r.GetProperty("stops").EnumerateArray().Select(s => (Route: r, Stop: s)))
            .Single(x => x.Stop.GetProperty("bookingId").GetGuid() == id);

        // Meanwhile another server books that therapist over the planned time (written straight to the database).
        var (_, otherUserId, _) = await IntakeApiTests.RegisterClientAsync(app);
        var plannedStart = NodaTime.Text.OffsetDateTimePattern.Rfc3339.Parse(stop.Stop.GetProperty("start").GetString()!).Value.ToInstant();
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            db.Bookings.Add(new Booking
            {
                Id = Guid.NewGuid(), ClientUserId = otherUserId, TherapistId = stop.Route.GetProperty("therapistId").GetGuid(),
                Start = plannedStart, End = plannedStart + NodaTime.Duration.FromHours(1),
                OccupiedStart = plannedStart - NodaTime.Duration.FromMinutes(10), OccupiedEnd = plannedStart + NodaTime.Duration.FromMinutes(70),
                Status = BookingStatus.Confirmed, CreatedAt = app.Clock.GetCurrentInstant(),
            });
            await db.SaveChangesAsync();
        });
        using var approved = await admin.PostAsync($"/api/admin/plans/{plan.GetProperty("id").GetGuid()}/approve", null);

        var result = await approved.Content.ReadFromJsonAsync<JsonElement>();
        var failed = result.GetProperty("routes").EnumerateArray().SelectMany(r => r.GetProperty("stops").EnumerateArray()).Single(s => s.GetProperty("bookingId").GetGuid() == id);
        Assert.Equal("failed", failed.GetProperty("outcome").GetString());
        Assert.Contains("another booking", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var booking = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.AsNoTracking().SingleAsync(b => b.Id == id));
        Assert.Equal(BookingStatus.Requested, booking.Status);
        Assert.Null(booking.TherapistId);
    }

    [Theory]
    [InlineDataOnAllDatabases(Principal.Client)]
    [InlineDataOnAllDatabases(Principal.Therapist)]
    public async Task Only_admins_plan(DatabaseProvider provider, Principal who)
    {
        var app = await apps.For(provider);
        using var user = await app.ClientForAsync(who);

        using var api = await user.PostAsJsonAsync("/api/admin/plans", new { date = "2026-11-25", area = "melbourne" });
        using var page = await user.GetAsync("/admin/plan");

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("access-denied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_bad_date_or_area_is_422_naming_the_field(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var admin = await app.ClientForAsync(Principal.Admin);

        using var past = await admin.PostAsJsonAsync("/api/admin/plans", new { date = "2026-11-01", area = "melbourne" });
        using var nowhere = await admin.PostAsJsonAsync("/api/admin/plans", new { date = "2026-11-25", area = "atlantis" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.True((await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("date", out _));
        Assert.True((await nowhere.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("area", out _));
    }
}
