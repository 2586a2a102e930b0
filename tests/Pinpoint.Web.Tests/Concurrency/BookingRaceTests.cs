using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Planning;
using Pinpoint.Web.Tests.Features;
using Pinpoint.Web.Tests.Infrastructure;
using static Pinpoint.Web.Tests.Concurrency.Races;

namespace Pinpoint.Web.Tests.Concurrency;

/// <summary>
/// Bookings under double clicks, retries and two people at once, on both databases: never a 500, never two rows for
/// one key, and of two changes to one booking one wins while the other gets 409 with the booking as it is now.
/// </summary>
public sealed class BookingRaceTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task One_key_sent_at_once_with_different_bookings_makes_one_and_refuses_the_rest(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        // A different therapist in each body: each takes its own therapist's lock, so nothing serialises them but the key.
        var bodies = new List<object>();
        for (var n = 1; bodies.Count < Racers && n <= 34; n++)
        {
            var therapistId = await app.TherapistIdAsync($"therapist{n:00}@pinpoint.test");
            if (await FreeStartAsync(client, therapistId, "2026-11-26") is { } start)
            {
                bodies.Add(Booking(therapistId, start));
            }
        }

        Assert.True(bodies.Count >= 5, $"only {bodies.Count} therapists free");
        var answers = await AllAtOnceAsync(bodies.Count, i => SendAsync(client, HttpMethod.Post, "/api/bookings", bodies[i], "one-key"));

        Assert.Equal(1, answers.Count(HttpStatusCode.Created));
        Assert.Equal(bodies.Count - 1, answers.Count(HttpStatusCode.UnprocessableEntity));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.UnprocessableEntity), a => Assert.True(a.Body.GetProperty("errors").TryGetProperty("Idempotency-Key", out _)));
        Assert.Equal(1, await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.CountAsync(b => b.ClientUserId == clientId && b.IdempotencyKey == "one-key")));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Ten_cancels_at_once_cancel_once_and_the_rest_see_it_cancelled(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var id = await BookAsync(client, therapistId, (await FreeStartAsync(client, therapistId, "2026-11-27"))!, "to-cancel");

        var answers = await AllAtOnceAsync(Racers, _ => SendAsync(client, HttpMethod.Post, $"/api/bookings/{id}/cancel", new { reason = "Double click" }));

        Assert.Equal(1, answers.Count(HttpStatusCode.OK));
        Assert.Equal(Racers - 1, answers.Count(HttpStatusCode.Conflict));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Conflict), a => Assert.Equal("cancelled", a.Body.GetProperty("booking").GetProperty("status").GetString()));
        var stored = await StoredAsync(app, id);
        Assert.Equal((BookingStatus.Cancelled, 1), (stored.Status, stored.Sequence));
        Assert.Equal(1, await EventsAsync(app, nameof(Pinpoint.Web.Kernel.Events.BookingCancelled), id));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Moves_racing_cancels_leave_one_story_and_the_losers_get_409_with_the_booking(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var start = (await FreeStartAsync(client, therapistId, "2026-11-30", afterHour: 9))!;
        var id = await BookAsync(client, therapistId, start, "to-race");
        var later = (await FreeStartAsync(client, therapistId, "2026-11-30", afterHour: 13))!;

        var answers = await AllAtOnceAsync(Racers, i => i % 2 == 0
            ? SendAsync(client, HttpMethod.Post, $"/api/bookings/{id}/reschedule", new { start = later })
            : SendAsync(client, HttpMethod.Post, $"/api/bookings/{id}/cancel", new { reason = "Changed my mind" }));

        var moves = answers.Where((_, i) => i % 2 == 0).ToList();
        var cancels = answers.Where((_, i) => i % 2 == 1).ToList();
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Conflict), a => Assert.Equal(JsonValueKind.Object, a.Body.GetProperty("booking").ValueKind));
        Assert.True(cancels.Count(HttpStatusCode.OK) <= 1);
        var stored = await StoredAsync(app, id);
        var moved = await EventsAsync(app, nameof(Pinpoint.Web.Kernel.Events.BookingMoved), id);
        var cancelled = await EventsAsync(app, nameof(Pinpoint.Web.Kernel.Events.BookingCancelled), id);
        Assert.True(moved <= 1, $"{moved} moves announced");
        Assert.Equal(cancels.Count(HttpStatusCode.OK), cancelled);
        Assert.Equal(cancelled == 1 ? BookingStatus.Cancelled : BookingStatus.Confirmed, stored.Status);
        Assert.Equal(moved + cancelled, stored.Sequence);
        Assert.Equal(moved == 1 ? later : start, BookingDto.From(stored).Start);
        Assert.True(moved == 1 || moves.Count(HttpStatusCode.OK) == 0);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_cancel_racing_the_plan_approval_leaves_one_consistent_outcome(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        using var requested = await WindowBookingTests.RequestWindowAsync(client, At(12, 4, 9), At(12, 4, 12), "window-race");
        Assert.True(requested.StatusCode == HttpStatusCode.Created, await requested.Content.ReadAsStringAsync());
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonElement>(requested.Content)).GetProperty("id").GetGuid();
        using var admin = await app.ClientForAsync(Principal.Admin);
        var plan = await DayPlanningTests.PlanAsync(admin, "2026-12-04");
        Assert.Equal("proposed", plan.GetProperty("status").GetString());
        var planId = plan.GetProperty("id").GetGuid();

        var answers = await AllAtOnceAsync(Racers, i => i % 2 == 0
            ? SendAsync(admin, HttpMethod.Post, $"/api/admin/plans/{planId}/approve", null)
            : SendAsync(client, HttpMethod.Post, $"/api/bookings/{id}/cancel", new { reason = "Not needed" }));

        var approvals = answers.Where((_, i) => i % 2 == 0).ToList();
        var cancels = answers.Where((_, i) => i % 2 == 1).ToList();
        Assert.Equal(1, approvals.Count(HttpStatusCode.OK));
        Assert.Equal(approvals.Count - 1, approvals.Count(HttpStatusCode.Conflict));
        Assert.True(cancels.Count(HttpStatusCode.OK) <= 1);
        Assert.All(cancels.Where(a => a.Status == HttpStatusCode.Conflict), a => Assert.Equal(JsonValueKind.Object, a.Body.GetProperty("booking").ValueKind));
        var stored = await StoredAsync(app, id);
        var visit = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<DayPlanVisit>().AsNoTracking().SingleAsync(v => v.PlanId == planId && v.BookingId == id));
        var confirmed = await EventsAsync(app, nameof(Pinpoint.Web.Kernel.Events.BookingConfirmed), id);
        var cancelled = cancels.Count(HttpStatusCode.OK);
        Assert.Equal(cancelled, await EventsAsync(app, nameof(Pinpoint.Web.Kernel.Events.BookingCancelled), id));
        Assert.Equal(cancelled == 1 ? BookingStatus.Cancelled : BookingStatus.Confirmed, stored.Status);
        if (visit.Outcome == PlannedVisitOutcome.Confirmed)
        {
            // The plan confirmed it first; a cancel that went through came after, on the confirmed booking.
            Assert.Equal((1, 1 + cancelled), (confirmed, stored.Sequence));
            Assert.NotNull(stored.Start);
        }
        else
        {
            // The cancel came first; the approval saw it and left the booking alone.
            Assert.Equal(PlannedVisitOutcome.Failed, visit.Outcome);
            Assert.Equal((1, 0, 1), (cancelled, confirmed, stored.Sequence));
            Assert.Null(stored.Start);
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_change_made_from_a_stale_read_is_refused(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var id = await BookAsync(client, therapistId, (await FreeStartAsync(client, therapistId, "2026-12-01"))!, "stale");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PinpointDb>();
        var stale = await db.Bookings.SingleAsync(b => b.Id == id);

        using var cancel = await SendAsync(client, HttpMethod.Post, $"/api/bookings/{id}/cancel", new { reason = "Meanwhile" });
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        stale.StatusReason = "Written over the cancellation";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        var stored = await StoredAsync(app, id);
        Assert.Equal((BookingStatus.Cancelled, "Meanwhile"), (stored.Status, stored.StatusReason));
    }
}
