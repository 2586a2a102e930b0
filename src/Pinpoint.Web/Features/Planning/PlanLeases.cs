using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Planning;

/// <summary>
/// Which worker, on which node, runs a plan: claimed with one conditional UPDATE (a plan that is queued, or running
/// under a lease that has run out), held by renewing the lease, and given up by not renewing. Two workers that try the
/// same plan at once both run the UPDATE; the database lets one change the row and the other finds it taken.
/// </summary>
public sealed class PlanLeases(PinpointDb db, IOptions<PlanningOptions> options, IClock clock)
{
    private Duration Lease => Duration.FromSeconds(options.Value.LeaseSeconds);

    /// <summary>Claims the oldest plan waiting (or abandoned) for <paramref name="owner"/>; null when there is none.</summary>
    public async Task<Guid?> ClaimAsync(string owner, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var until = now + Lease;
        var candidates = await Claimable(now).OrderBy(p => p.RequestedAt).Select(p => p.Id).Take(5).ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            // The condition is asked again by the UPDATE itself: another worker's claim since the read makes this one change nothing.
            var claimed = await Claimable(now).Where(p => p.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(p => p.Status, DayPlanStatus.Running).SetProperty(p => p.LeaseOwner, owner).SetProperty(p => p.LeaseUntil, until)
                .SetProperty(p => p.Progress, 0).SetProperty(p => p.Runs, p => p.Runs + 1), cancellationToken);
            if (claimed == 1)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>Extends the lease and stores the progress; false when the plan is no longer this worker's (taken over).</summary>
    public async Task<bool> RenewAsync(Guid planId, string owner, double progress, CancellationToken cancellationToken)
    {
        var until = clock.GetCurrentInstant() + Lease;
        return await Held(planId, owner).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.LeaseUntil, until).SetProperty(p => p.Progress, Math.Clamp(progress, 0, 1)), cancellationToken) == 1;
    }

    /// <summary>Puts the owner's running plans back in the queue at once (a node stopping cleanly), so the next worker need not wait out the lease.</summary>
    public Task<int> ReleaseAsync(string owner, CancellationToken cancellationToken) =>
        db.Set<DayPlan>().Where(p => p.LeaseOwner == owner && p.Status == DayPlanStatus.Running).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Status, DayPlanStatus.Queued).SetProperty(p => p.LeaseOwner, (string?)null).SetProperty(p => p.LeaseUntil, (Instant?)null),
            cancellationToken);

    /// <summary>
    /// The plan while <paramref name="owner"/> holds it: running, or superseded while it ran (the result is still kept
    /// for the record; the status stays superseded).
    /// </summary>
    internal IQueryable<DayPlan> Held(Guid planId, string owner) =>
        db.Set<DayPlan>().Where(p => p.Id == planId && p.LeaseOwner == owner && (p.Status == DayPlanStatus.Running || p.Status == DayPlanStatus.Superseded));

    private IQueryable<DayPlan> Claimable(Instant now) =>
        db.Set<DayPlan>().Where(p => p.Status == DayPlanStatus.Queued || (p.Status == DayPlanStatus.Running && p.LeaseUntil < now));
}
