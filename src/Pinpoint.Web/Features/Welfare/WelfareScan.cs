using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;

namespace Pinpoint.Web.Features.Welfare;

/// <summary>
/// Finds confirmed visits whose therapist has gone silent (<see cref="WelfareRules.Concern"/>) and raises their alerts.
/// Every node runs it; the unique index on visit and concern lets one of them store each alert, so running it twice,
/// on two nodes at once, or again after a restart, raises nothing new.
/// </summary>
public sealed class WelfareScan(PinpointDb db, WelfareAlerts alerts, IOptions<WelfareOptions> options)
{
    /// <summary>
    /// How far back a silent visit is still looked at: a visit that ended longer ago than this is past any welfare call
    /// (and a scan that was down all day does not wake operators for last week).
    /// </summary>
    public static readonly Duration Horizon = Duration.FromHours(12);

    /// <summary>Raises every alert due at <paramref name="now"/> and not raised yet; returns how many this call raised.</summary>
    public async Task<int> RunOnceAsync(Instant now, CancellationToken cancellationToken)
    {
        var thresholds = options.Value.Thresholds();
        var (checkInBy, checkOutBy, since) = (now - thresholds.CheckInGrace, now - thresholds.CheckOutGrace, now - Horizon);
        // Stage is stored as text: list the stages rather than compare them.
        var candidates = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Confirmed && b.TherapistId != null && b.Start != null && b.End != null && b.End >= since &&
                        (b.Stage == VisitStage.Booked || b.Stage == VisitStage.OnTheWay || b.Stage == VisitStage.Arrived) &&
                        (b.Start <= checkInBy || b.End <= checkOutBy))
            .Select(b => new { b.Id, b.Stage, Start = b.Start!.Value, End = b.End!.Value })
            .ToListAsync(cancellationToken);
        var due = candidates
            .Select(c => (c.Id, Concern: WelfareRules.Concern(c.Stage, c.Start, c.End, now, thresholds)))
            .Where(c => c.Concern is not null).Select(c => (c.Id, Concern: c.Concern!.Value)).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var ids = due.Select(d => d.Id).ToList();
        var raised = (await db.Set<WelfareAlert>().AsNoTracking().Where(a => ids.Contains(a.BookingId))
            .Select(a => new { a.BookingId, a.Concern }).ToListAsync(cancellationToken)).Select(a => (a.BookingId, a.Concern)).ToHashSet();
        var count = 0;
        foreach (var (id, concern) in due.Where(d => !raised.Contains(d)))
        {
            if ((await alerts.RaiseAsync(id, concern, null, now, cancellationToken)).Raised)
            {
                count++;
            }
        }

        return count;
    }
}

/// <summary>Runs the welfare scan every <c>Welfare:ScanSeconds</c> on this node, at the injected clock's time.</summary>
public sealed class WelfareScanService(IServiceScopeFactory scopes, IClock clock, IOptions<WelfareOptions> options, ILogger<WelfareScanService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ScanSeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ScanSeconds));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WelfareScan>().RunOnceAsync(clock.GetCurrentInstant(), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.ScanFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
