using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Seeding;
using Pinpoint.Web.Features.Planning;
using Pinpoint.Web.Features.Therapists;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Nodes;

/// <summary>Two nodes whose planning workers the tests drive by hand (the hosted workers are off).</summary>
public sealed class PlanningClusterFixture : ClusterFixture
{
    protected override int Count => 2;

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Planning:RunWorker", "false");
        // Long enough to catch a run in the middle, short enough for a test.
        builder.UseSetting("Planning:TimeLimitSeconds", "4");
    }
}

/// <summary>Day plans claimed with leases in the database: one run per plan across nodes, taken over when a node dies.</summary>
public sealed class PlanLeaseTests(PlanningClusterFixture fixture) : IClassFixture<PlanningClusterFixture>
{
    private static readonly LocalDate Tomorrow = new(2026, 11, 25); // the demo seed's window requests are for the day after the clocks' today

    private PinpointApp First => fixture.Cluster.Nodes[0];

    private PinpointApp Second => fixture.Cluster.Nodes[1];

    [Fact]
    public async Task Four_workers_on_two_nodes_racing_for_one_queued_plan_run_it_once_with_one_set_of_routes()
    {
        var planId = await RequestAsync();

        var ran = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            (i % 2 == 0 ? First : Second).Scoped(s => s.GetRequiredService<DayPlanner>().RunNextAsync($"racer-{i}", CancellationToken.None))));

        Assert.Single(ran, id => id == planId);
        Assert.Equal(3, ran.Count(id => id is null));
        await AssertOneResultAsync(planId, runs: 1);
    }

    [Fact]
    public async Task A_worker_killed_mid_run_leaves_its_plan_to_another_node_once_the_lease_runs_out_and_it_completes_once()
    {
        var planId = await RequestAsync();
        using var kill = new CancellationTokenSource();
        var dying = First.Scoped(s => s.GetRequiredService<DayPlanner>().RunNextAsync("dying", kill.Token));
        await UntilAsync(async () => await PlanAsync(planId) is { Status: DayPlanStatus.Running, Progress: > 0 });
        // Killed: nothing runs after this on that worker, and it does not hand the plan back.
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying);

        Assert.Null(await Second.Scoped(s => s.GetRequiredService<DayPlanner>().RunNextAsync("taker", CancellationToken.None)));
        await AdvanceClocksAsync(Duration.FromSeconds(31));
        var before = await PlanAsync(planId);
        Assert.True(planId == await Second.Scoped(s => s.GetRequiredService<DayPlanner>().RunNextAsync("taker", CancellationToken.None)),
            $"{before.Status} {before.LeaseOwner} {before.LeaseUntil} {before.Runs} {Second.Clock.GetCurrentInstant()}");

        await AssertOneResultAsync(planId, runs: 2);
    }

    [Fact]
    public async Task A_worker_that_stalls_past_its_lease_while_another_takes_over_writes_nothing_and_the_plan_has_one_set_of_routes()
    {
        var planId = await RequestAsync();
        var stalled = First.Scoped(s => s.GetRequiredService<DayPlanner>().RunNextAsync("stalled", CancellationToken.None));
        await UntilAsync(async () => await PlanAsync(planId) is { Status: DayPlanStatus.Running, Progress: > 0 });
        // Only the second node's clock moves: to it the first one's lease has run out, while the first is still searching.
        Second.Clock.Advance(Duration.FromSeconds(31));
        var taker = Second.Scoped(s => s.GetRequiredService<DayPlanner>().RunNextAsync("taker", CancellationToken.None));

        Assert.Equal([planId, planId], await Task.WhenAll(stalled, taker));
        First.Clock.Reset(Second.Clock.GetCurrentInstant());
        await AssertOneResultAsync(planId, runs: 2);
    }

    [Fact]
    public async Task A_plan_running_on_one_node_shows_its_progress_on_another()
    {
        var planId = await RequestAsync();
        using var admin = await Second.ClientForAsync(Principal.Admin);
        var running = First.Scoped(s => s.GetRequiredService<DayPlanner>().RunNextAsync("first", CancellationToken.None));

        var seen = 0d;
        var last = "";
        await UntilAsync(async () =>
        {
            var plan = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/plans/{planId}");
            last = plan.ToString();
            seen = plan.GetProperty("status").GetString() == "running" ? plan.GetProperty("progress").GetDouble() : 0;
            return seen > 0;
        });
        Assert.True(seen > 0, last);

        Assert.Equal(planId, await running);
        var done = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/plans/{planId}");
        Assert.Equal("proposed", done.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Approval_on_one_node_refuses_visits_in_time_off_saved_on_another_after_planning()
    {
        var planId = await RequestAsync();
        Assert.Equal(planId, await First.Scoped(s => s.GetRequiredService<DayPlanner>().RunNextAsync("planner", CancellationToken.None)));
        var proposed = await PlanAsync(planId);
        var pending = proposed.Visits.Where(v => v.Outcome == PlannedVisitOutcome.Pending).Select(v => v.BookingId).ToList();
        Assert.NotEmpty(pending);

        // Every therapist of the plan takes the day off, saved through the other node (whose search cache the plan did not use).
        var timeOff = await Second.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var days = proposed.Routes.Select(r => new ScheduleException { TherapistId = r.TherapistId, FirstDay = Tomorrow, LastDay = Tomorrow, Note = "Sick" }).ToList();
            db.ScheduleExceptions.AddRange(days);
            await db.SaveChangesAsync();
            return days.Select(d => d.Id).ToList();
        });
        try
        {
            var (outcome, _) = await First.Scoped(async s =>
            {
                var admin = await s.GetRequiredService<PinpointDb>().Users.Where(u => u.Email == DemoDataSeeder.AdminEmail).Select(u => u.Id).SingleAsync();
                return await s.GetRequiredService<PlanApproval>().ApproveAsync(planId, admin, CancellationToken.None);
            });
            Assert.Equal(ApprovalOutcome.Done, outcome);

            var approved = await PlanAsync(planId);
            Assert.All(approved.Visits.Where(v => pending.Contains(v.BookingId)), v =>
            {
                Assert.Equal(PlannedVisitOutcome.Failed, v.Outcome);
                Assert.Contains("time off", v.Reason, StringComparison.Ordinal);
            });
            var statuses = await First.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.Where(b => pending.Contains(b.Id)).Select(b => b.Status).ToListAsync());
            Assert.All(statuses, status => Assert.Equal(Pinpoint.Web.Features.Booking.BookingStatus.Requested, status));
        }
        finally
        {
            await Second.Scoped(s => s.GetRequiredService<PinpointDb>().ScheduleExceptions.Where(x => timeOff.Contains(x.Id)).ExecuteDeleteAsync());
        }
    }

    private Task<Guid> RequestAsync() =>
        First.Scoped(async s =>
        {
            var admin = await s.GetRequiredService<PinpointDb>().Users.Where(u => u.Email == DemoDataSeeder.AdminEmail).Select(u => u.Id).SingleAsync();
            var (plan, errors) = await s.GetRequiredService<DayPlanner>().RequestAsync(Tomorrow, "melbourne", admin, CancellationToken.None);
            Assert.Empty(errors);
            return plan!.Id;
        });

    private Task<DayPlan> PlanAsync(Guid planId) =>
        First.Scoped(s => s.GetRequiredService<PinpointDb>().Set<DayPlan>().AsNoTracking().Include(p => p.Routes).Include(p => p.Visits).SingleAsync(p => p.Id == planId));

    private async Task AssertOneResultAsync(Guid planId, int runs)
    {
        var plan = await PlanAsync(planId);
        Assert.Equal(DayPlanStatus.Proposed, plan.Status);
        Assert.Equal(runs, plan.Runs);
        Assert.Null(plan.LeaseOwner);
        Assert.NotEmpty(plan.Routes);
        Assert.Equal(plan.Routes.Count, plan.Routes.Select(r => r.TherapistId).Distinct().Count());
        Assert.Equal(plan.Visits.Count, plan.Visits.Select(v => v.BookingId).Distinct().Count());
    }

    // Both nodes' clocks, so the next test starts with clocks that agree.
    private Task AdvanceClocksAsync(Duration by)
    {
        First.Clock.Advance(by);
        Second.Clock.Advance(by);
        return Task.CompletedTask;
    }

    // Polls what another part of the system does in its own time; the bound only stops a broken run from hanging.
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 400; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The condition did not come true within 20 seconds.");
    }
}
