using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Core.Dispatch;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;

namespace Pinpoint.Web.Features.Planning;

/// <summary>Asks for a day's plan (superseding any unapproved one), and makes it when the worker gets to it.</summary>
public sealed class DayPlanner(
    PinpointDb db, DayProblemBuilder builder, PlanningQueue queue, IOptions<PlanningOptions> options, IOptions<BookingOptions> booking, IClock clock,
    Telemetry.PinpointMetrics metrics, ILogger<DayPlanner> logger)
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
        queue.Enqueue(plan.Id);
        logger.Queued(plan.Id, plan.Date, plan.AreaId);
        return (plan, errors);
    }

    public async Task RunAsync(Guid planId, CancellationToken cancellationToken)
    {
        var plan = await db.Set<DayPlan>().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is not { Status: DayPlanStatus.Queued })
        {
            return; // superseded while waiting, or done already
        }

        plan.Status = DayPlanStatus.Running;
        await db.SaveChangesAsync(cancellationToken);
        logger.Running(plan.Id);
        using var run = metrics.StartDayPlan(plan.Id);
        try
        {
            var day = await builder.BuildAsync(plan.Date, Zones.Areas.Find(plan.AreaId) ?? throw new InvalidOperationException($"Plan {plan.Id} names no known area ({plan.AreaId})."), cancellationToken);
            var solverOptions = new SolverOptions { TimeLimit = TimeSpan.FromSeconds(options.Value.TimeLimitSeconds), Threads = options.Value.SolverThreads, Objective = options.Value.Objective };
            var progress = new Progress<SolverProgress>(p => queue.Report(planId, p.Fraction));
            var solved = await Task.Run(() => DispatchSolver.Solve(day.Problem, solverOptions, progress, cancellationToken), cancellationToken);
            Store(plan, day, solved, RouteTimes.Naive(day.Problem));
            plan.Status = DayPlanStatus.Proposed;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            plan.Status = DayPlanStatus.Failed;
            plan.Error = exception.Message.Length > 500 ? exception.Message[..500] : exception.Message;
        }

        plan.CompletedAt = clock.GetCurrentInstant();
        // A newer request may have superseded this plan while it ran: then it stays superseded.
        if (await db.Set<DayPlan>().AsNoTracking().AnyAsync(p => p.Id == planId && p.Status == DayPlanStatus.Superseded, cancellationToken))
        {
            plan.Status = DayPlanStatus.Superseded;
        }

        await db.SaveChangesAsync(cancellationToken);
        run.Finished(plan.Status.ToString().ToLowerInvariant(), plan.Status == DayPlanStatus.Proposed ? plan.NaiveTravelMinutes - plan.TravelMinutes : null);
        logger.Finished(plan);
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
