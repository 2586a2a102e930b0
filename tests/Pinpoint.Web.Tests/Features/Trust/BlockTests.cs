using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Planning;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features.Trust;

/// <summary>
/// A therapist who blocked a client is never offered to them — searches, the time list, moving, window requests and
/// day plans — and a booking with them is answered exactly like a time someone else took. Lifting the block restores it.
/// </summary>
public sealed class BlockTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    internal static string ReviewPath(Guid therapistId, string start) =>
        $"/book/review?therapist={therapistId}&modality=myofascial&minutes=60&start={Uri.EscapeDataString(start)}" +
        $"&latitude={TrustData.Latitude}&longitude={TrustData.Longitude}&address=Carlton%203053";

    internal static Dictionary<string, string> Checkout => new()
    {
        ["Number"] = "1", ["Street"] = "Lygon Street", ["Suburb"] = "Carlton", ["Postcode"] = "3053",
    };

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_blocked_client_is_never_offered_the_therapist_and_booking_them_is_answered_like_a_taken_time(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var maya = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var priya = await app.TherapistIdAsync(TrustData.PriyaEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        using var anonymous = app.NewBrowserLikeClient();
        Assert.Contains(await TrustData.SlotsAsync(client, "2026-11-25"), s => s.Therapists.Contains(maya));

        var blockId = await TrustData.BlockAsync(app, therapist, clientId, maya);

        var offered = await TrustData.SlotsAsync(client, "2026-11-25");
        Assert.DoesNotContain(offered, s => s.Therapists.Contains(maya));
        Assert.Contains(offered, s => s.Therapists.Contains(priya));
        Assert.Empty(await TrustData.SlotsAsync(client, "2026-11-25", maya));
        // Times are public: someone signed out still sees hers. Booking is what is refused.
        var hers = await TrustData.SlotsAsync(anonymous, "2026-11-25", maya);
        var time = hers.First(s => OffsetDateTimePattern.Rfc3339.Parse(s.Start).Value.Hour >= 10).Start;

        using var refused = await TrustData.BookAsync(client, maya, time, "blocked-api");
        // A time somebody else took, for comparison.
        var (other, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _o = other;
        var takenTime = (await TrustData.SlotsAsync(other, "2026-11-25", priya)).First(s => OffsetDateTimePattern.Rfc3339.Parse(s.Start).Value.Hour >= 13).Start;
        await TrustData.BookedAsync(other, priya, takenTime, "taken-by-other");
        using var taken = await TrustData.BookAsync(client, priya, takenTime, "taken-api");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var (a, b) = (await refused.Content.ReadFromJsonAsync<JsonElement>(), await taken.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(b.GetProperty("title").GetString(), a.GetProperty("title").GetString());
        Assert.Equal(b.GetProperty("detail").GetString(), a.GetProperty("detail").GetString());
        Assert.Empty(a.GetProperty("nextSlots").EnumerateArray());
        Assert.DoesNotContain("block", a.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(await TrustData.DbAsync(app, db => db.Bookings.AnyAsync(x => x.ClientUserId == clientId && x.Status == BookingStatus.Confirmed)));

        // The pages: her times are not listed, and checkout with her says the time was taken.
        var slotsPage = WebUtility.HtmlDecode(await client.GetStringAsync(
            $"/book/slots?modality=myofascial&minutes=60&address=Carlton%203053&date=2026-11-25&therapist={maya}"));
        Assert.DoesNotContain($"/book/review?therapist={maya}", slotsPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"no-slots\"", slotsPage, StringComparison.Ordinal);
        var anyone = WebUtility.HtmlDecode(await client.GetStringAsync("/book/slots?modality=myofascial&minutes=60&address=Carlton%203053&date=2026-11-25"));
        Assert.Contains($"/book/review?therapist={priya}", anyone, StringComparison.Ordinal);
        Assert.DoesNotContain($"/book/review?therapist={maya}", anyone, StringComparison.Ordinal);
        using var checkout = await client.SubmitAsync(ReviewPath(maya, time), Checkout);
        Assert.Equal(HttpStatusCode.OK, checkout.StatusCode);
        Assert.Contains("Someone has just taken that time", WebUtility.HtmlDecode(await checkout.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        // Her profile and directory card look as they do to anyone.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/therapists/{maya}")).StatusCode);

        // Lifted: offered and bookable again at once.
        using var lifted = await therapist.DeleteAsync($"/api/therapists/me/blocks/{blockId}");
        Assert.Equal(HttpStatusCode.NoContent, lifted.StatusCode);
        Assert.Contains(await TrustData.SlotsAsync(client, "2026-11-25"), s => s.Therapists.Contains(maya));
        await TrustData.BookedAsync(client, maya, time, "after-lift");
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_visit_with_a_therapist_who_has_since_blocked_the_client_cannot_be_moved(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var maya = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var id = await TrustData.BookedAsync(client, maya, TrustData.At(11, 26, 10), "move-before-block");
        Assert.Contains(TrustData.At(11, 26, 10, 30), WebUtility.HtmlDecode(await client.GetStringAsync($"/bookings/{id}/move?date=2026-11-26")), StringComparison.Ordinal);

        var blockId = await TrustData.BlockAsync(app, therapist, clientId, maya);

        using var moved = await client.PostAsJsonAsync($"/api/bookings/{id}/reschedule", new { start = TrustData.At(11, 26, 10, 30) });
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.Equal("That time is not free with this therapist.", (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Contains("data-testid=\"no-slots\"", await client.GetStringAsync($"/bookings/{id}/move?date=2026-11-26"), StringComparison.Ordinal);
        var booking = await TrustData.DbAsync(app, db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == id));
        Assert.Equal(BookingStatus.Confirmed, booking.Status); // blocking cancels nothing: the therapist decides about the visit
        Assert.Contains("data-testid=\"blocked-client\"", await therapist.GetStringAsync("/therapist/schedule"), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"still-booked\"", await therapist.GetStringAsync("/therapist/blocked"), StringComparison.Ordinal);

        using var lifted = await therapist.DeleteAsync($"/api/therapists/me/blocks/{blockId}");
        using var movedAfter = await client.PostAsJsonAsync($"/api/bookings/{id}/reschedule", new { start = TrustData.At(11, 26, 10, 30) });
        Assert.Equal(HttpStatusCode.OK, movedAfter.StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Window_requests_and_day_plans_keep_a_blocked_client_from_the_therapist_and_clear_of_their_own_visits(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var maya = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var priya = await app.TherapistIdAsync(TrustData.PriyaEmail);
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var (blocked, blockedId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _b = blocked;
        await TrustData.BlockAsync(app, therapist, blockedId, maya);
        using var requested = await WindowBookingTests.RequestWindowAsync(blocked, TrustData.At(12, 8, 9), TrustData.At(12, 8, 12), "blocked-window", -37.7986, 144.9784);
        Assert.True(requested.StatusCode == HttpStatusCode.Created, await requested.Content.ReadAsStringAsync());
        var blockedRequest = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // A client busy 9:50–12:10 with someone else cannot ask for a visit starting 9–12, but can for 11–14 (from 12:20).
        var (busy, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _u = busy;
        await TrustData.BookedAsync(busy, priya, TrustData.At(12, 8, 10), "busy-long", minutes: 120);
        using var overlapping = await WindowBookingTests.RequestWindowAsync(busy, TrustData.At(12, 8, 9), TrustData.At(12, 8, 12), "busy-window-1");
        using var later = await WindowBookingTests.RequestWindowAsync(busy, TrustData.At(12, 8, 11), TrustData.At(12, 8, 14), "busy-window-2");
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Equal("You already have a visit at that time", (await overlapping.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.True(later.StatusCode == HttpStatusCode.Created, await later.Content.ReadAsStringAsync());
        var laterRequest = (await later.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var day = await app.Scoped(s => s.GetRequiredService<DayProblemBuilder>().BuildAsync(new LocalDate(2026, 12, 8), Zones.Areas.Find("melbourne")!, CancellationToken.None));
        var bookings = day.Bookings.ToList();
        var blockedVisit = day.Problem.Visits[bookings.FindIndex(b => b?.Id == blockedRequest)];
        Assert.Contains(maya.ToString(), blockedVisit.Excluded!);
        var laterVisit = day.Problem.Visits[bookings.FindIndex(b => b?.Id == laterRequest)];
        var twelveTen = (OffsetDateTimePattern.Rfc3339.Parse(TrustData.At(12, 8, 12, 10)).Value.ToInstant() - day.Origin).TotalMinutes;
        Assert.Equal(twelveTen, laterVisit.Ready); // its occupied time starts once the other visit's has ended

        // Approval checks again under the lock: a plan that sends the blocked client's therapist fails that visit.
        var adminId = await TrustData.DbAsync(app, db => db.Users.Where(u => u.Email == Web.Data.Seeding.DemoDataSeeder.AdminEmail).Select(u => u.Id).SingleAsync());
        var planId = Guid.NewGuid();
        await TrustData.DbAsync(app, async db =>
        {
            db.Add(new DayPlan
            {
                Id = planId, Date = new LocalDate(2026, 12, 8), AreaId = "melbourne", Status = DayPlanStatus.Proposed, RequestedBy = adminId,
                Visits =
                {
                    new DayPlanVisit
                    {
                        PlanId = planId, BookingId = blockedRequest, TherapistId = maya, Order = 1, Outcome = PlannedVisitOutcome.Pending,
                        PlannedStart = OffsetDateTimePattern.Rfc3339.Parse(TrustData.At(12, 8, 10)).Value.ToInstant(),
                    },
                },
            });
            return await db.SaveChangesAsync();
        });
        var (outcome, plan) = await app.Scoped(s => s.GetRequiredService<PlanApproval>().ApproveAsync(planId, adminId, CancellationToken.None));
        Assert.Equal(ApprovalOutcome.Done, outcome);
        var visit = Assert.Single(plan!.Visits);
        Assert.Equal(PlannedVisitOutcome.Failed, visit.Outcome);
        Assert.Contains("blocked", visit.Reason, StringComparison.Ordinal);
        Assert.Equal(BookingStatus.Requested, (await TrustData.DbAsync(app, db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == blockedRequest))).Status);
    }
}
