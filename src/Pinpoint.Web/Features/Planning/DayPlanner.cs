using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Core.Dispatch;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;

namespace Pinpoint.Web.Features.Planning;

/// <summary>Asks for a day's plan (superseding any unapproved one), and makes it when the worker gets to it.</summary>
public sealed class DayPlanner(
    PinpointDb db, DayProblemBuilder builder, PlanLeases leases, PlanningSignal signal, IServiceScopeFactory scopes, IOptions<PlanningOptions> options,
    IOptions<BookingOptions> booking, IClock clock, Telemetry.PinpointMetrics metrics, ILogger<DayPlanner> logger)
{
    private static readonly DayPlanStatus[] Unapproved = [DayPlanStatus.Queued, DayPlanStatus.Running, DayPlanStatus.Proposed];

    public async Task<(DayPlan? Plan, Dictionary<string, string[]> Errors)> RequestAsync(
        LocalDate? date, string? areaId, string adminUserId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var area = Zones.Areas.Find(areaId);
        if (area is null)
        {
            errors["area"] = [$"Choose an area: {string.Join(", ", Zones.Areas.All.Select(a => a.Key))}."];
        }

        // "Today" is the chosen area's: late evening in Perth is already tomorrow in Auckland.
        var today = clock.GetCurrentInstant().InZone(area?.Zone ?? DateTimeZone.Utc).Date;
        if (date is not { } day || day < today || day > today.PlusDays(booking.Value.HorizonDays))
        {
            errors["date"] = [$"Choose a date from {today:yyyy-MM-dd} to {today.PlusDays(booking.Value.HorizonDays):yyyy-MM-dd}."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = clock.GetCurrentInstant();
        // Only one unapproved plan per day and area: a new one replaces the old, which can then no longer be approved.
        await db.Set<DayPlan>().Where(p => p.Date == date!.Value && p.AreaId == area!.Key && Unapproved.Contains(p.Status))
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, DayPlanStatus.Superseded), cancellationToken);
        var plan = new DayPlan
        {
            Id = Guid.CreateVersion7(now.ToDateTimeOffset()), Date = date!.Value, AreaId = area!.Key, Status = DayPlanStatus.Queued,
            RequestedBy = adminUserId, RequestedAt = now,
        };
        db.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        logger.Queued(plan.Id, plan.Date, plan.AreaId);
        return (plan, errors);
    }

    /// <summary>Claims the next plan waiting (see <see cref="PlanLeases"/>) and makes it; null when none was waiting.</summary>
    /// <param name="owner">The worker's name in the lease.</param>
    public async Task<Guid?> RunNextAsync(string owner, CancellationToken cancellationToken)
    {
        if (await leases.ClaimAsync(owner, cancellationToken) is not { } planId)
        {
            return null;
        }

        await RunAsync(planId, owner, cancellationToken);
        return planId;
    }

    private async Task RunAsync(Guid planId, string owner, CancellationToken cancellationToken)
    {
        var plan = await db.Set<DayPlan>().AsNoTracking().SingleAsync(p => p.Id == planId, cancellationToken);
        logger.Running(plan.Id);
        using var run = metrics.StartDayPlan(plan.Id);
        // Losing the lease (another node took over after this one stalled) stops the search: its result could not be kept.
        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fraction = 0d;
        // The solver reports only when it finds a better plan (often all in its first moments): the time spent shows
        // how far the search has got in between.
        var limit = TimeSpan.FromSeconds(options.Value.TimeLimitSeconds);
        var searching = Stopwatch.StartNew();
        var renewing = RenewAsync(planId, owner, () => Math.Max(Volatile.Read(ref fraction), Math.Min(0.99, searching.Elapsed / limit)), held);
        var result = new DayPlan { Id = plan.Id, Date = plan.Date, AreaId = plan.AreaId, RequestedBy = plan.RequestedBy, Status = DayPlanStatus.Proposed };
        try
        {
            var day = await builder.BuildAsync(plan.Date, Zones.Areas.Find(plan.AreaId) ?? throw new InvalidOperationException($"Plan {plan.Id} names no known area ({plan.AreaId})."), held.Token);
            var solverOptions = new SolverOptions { TimeLimit = TimeSpan.FromSeconds(options.Value.TimeLimitSeconds), Threads = options.Value.SolverThreads, Objective = options.Value.Objective };
            var progress = new Progress<SolverProgress>(p => Volatile.Write(ref fraction, p.Fraction));
            var solved = await Task.Run(() => DispatchSolver.Solve(day.Problem, solverOptions, progress, held.Token), held.Token);
            Store(result, day, solved, RouteTimes.Naive(day.Problem));
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LeaseLost(planId);
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            result.Status = DayPlanStatus.Failed;
            result.Error = exception.Message.Length > 500 ? exception.Message[..500] : exception.Message;
        }
        finally
        {
            await held.CancelAsync();
            await renewing;
        }

        if (await WriteAsync(result, owner, cancellationToken) is not { } status)
        {
            logger.LeaseLost(planId);
            return;
        }

        result.Status = status;
        run.Finished(status.ToString().ToLowerInvariant(), status == DayPlanStatus.Proposed ? result.NaiveTravelMinutes - result.TravelMinutes : null);
        logger.Finished(result);
    }

    // Every second: the lease is extended and the progress stored. A renewal that finds the plan no longer held ends the run.
    private async Task RenewAsync(Guid planId, string owner, Func<double> progress, CancellationTokenSource held)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(held.Token))
            {
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<PlanLeases>().RenewAsync(planId, owner, progress(), held.Token))
                {
                    await held.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Stores the result, if this worker still holds the plan, in one transaction with the plan's row: a worker that lost
    /// its lease writes nothing, so a plan never has two sets of routes. Returns the status stored, or null.
    /// </summary>
    private async Task<DayPlanStatus?> WriteAsync(DayPlan result, string owner, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var written = await leases.Held(result.Id, owner).ExecuteUpdateAsync(u => u
            // Superseded while it ran: kept for the record, but it stays superseded.
            .SetProperty(p => p.Status, p => p.Status == DayPlanStatus.Superseded ? DayPlanStatus.Superseded : result.Status)
            .SetProperty(p => p.Error, result.Error).SetProperty(p => p.CompletedAt, now).SetProperty(p => p.Progress, 1)
            .SetProperty(p => p.LeaseOwner, (string?)null).SetProperty(p => p.LeaseUntil, (Instant?)null)
            .SetProperty(p => p.TravelMinutes, result.TravelMinutes).SetProperty(p => p.NaiveTravelMinutes, result.NaiveTravelMinutes)
            .SetProperty(p => p.NaiveUnassigned, result.NaiveUnassigned).SetProperty(p => p.TreatingMinutes, result.TreatingMinutes)
            .SetProperty(p => p.ShiftMinutes, result.ShiftMinutes), cancellationToken);
        if (written == 0)
        {
            return null;
        }

        db.AddRange(result.Routes);
        db.AddRange(result.Visits);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await db.Set<DayPlan>().AsNoTracking().Where(p => p.Id == result.Id).Select(p => p.Status).SingleAsync(cancellationToken);
    }

    private static void Store(DayPlan plan, DayProblem day, DispatchPlan solved, (IReadOnlyList<TimedRoute> Routes, int Unassigned) naive)
    {
        var problem = day.Problem;
        foreach (var route in solved.Routes.Where(r => r.Visits.Any(v => day.Bookings[v] is not null)))
        {
            var timed = RouteTimes.Time(problem, route.Therapist, route.Visits);
            var therapist = day.Therapists[route.Therapist];
            var shift = problem.Therapists[route.Therapist];
            var order = 0;
            for (var k = 0; k < timed.Visits.Count; k++)
            {
                if (day.Bookings[timed.Visits[k]] is not { } b)
                {
                    continue; // time off between working ranges
                }

                plan.Visits.Add(new DayPlanVisit
                {
                    PlanId = plan.Id, BookingId = b.Id, TherapistId = therapist.Id, Order = ++order, DriveMinutes = Math.Round(timed.Drives[k], 1),
                    PlannedStart = b.Start ?? day.At(timed.Starts[k] + day.SetUpMinutes),
                    Outcome = b.IsScheduled ? PlannedVisitOutcome.Fixed : PlannedVisitOutcome.Pending,
                });
            }

            plan.Routes.Add(new DayPlanRoute
            {
                PlanId = plan.Id, TherapistId = therapist.Id, ShiftStart = day.At(shift.ShiftStart), ShiftEnd = day.At(shift.ShiftEnd),
                TravelMinutes = Math.Round(timed.Travel, 1),
                TreatingMinutes = timed.Visits.Sum(v => day.Bookings[v]?.DurationMinutes ?? 0),
            });
        }

        foreach (var (visit, reason) in solved.Unassigned)
        {
            if (day.Bookings[visit] is { } b)
            {
                plan.Visits.Add(new DayPlanVisit
                {
                    PlanId = plan.Id, BookingId = b.Id, Outcome = PlannedVisitOutcome.Unassigned, Reason = reason.Length > 500 ? reason[..500] : reason,
                });
            }
        }

        foreach (var (b, reason) in day.Held)
        {
            plan.Visits.Add(new DayPlanVisit { PlanId = plan.Id, BookingId = b.Id, Outcome = PlannedVisitOutcome.Unassigned, Reason = reason });
        }

        plan.TravelMinutes = plan.Routes.Sum(r => r.TravelMinutes);
        plan.TreatingMinutes = plan.Routes.Sum(r => r.TreatingMinutes);
        plan.ShiftMinutes = plan.Routes.Sum(r => (r.ShiftEnd - r.ShiftStart).TotalMinutes);
        plan.NaiveTravelMinutes = Math.Round(naive.Routes.Sum(r => r.Travel), 1);
        plan.NaiveUnassigned = naive.Unassigned;
    }
}
