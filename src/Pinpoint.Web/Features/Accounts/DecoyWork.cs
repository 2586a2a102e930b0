using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Notifications;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// The work of emailing an account, done for an address that has none, so that answering takes about as long either
/// way: the per-account limit's query, a link's token made and thrown away, and one write (an update that matches no
/// row, where the real path inserts its email). Nothing is kept and nobody is emailed.
/// </summary>
public sealed class DecoyWork(PinpointDb db, UserManager<PinpointUser> users, IClock clock)
{
    public async Task SpendAsync(ClockedTokenProvider tokens, string purpose, IReadOnlyCollection<NotificationKind> kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var ghost = new PinpointUser
        {
            Id = Guid.NewGuid().ToString(), DisplayName = "", SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
        };
        _ = await AccountEmailLimits.RecentAsync(db, ghost.Id, kinds, clock.GetCurrentInstant(), cancellationToken);
        _ = await tokens.GenerateAsync(purpose, users, ghost);
        await db.Set<Notification>()
            .Where(n => n.UserId == ghost.Id && kinds.Contains(n.Kind))
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.Attempts, n => n.Attempts), cancellationToken);
    }
}

/// <summary>How many account emails of some kinds an account was sent lately, for the per-account limits.</summary>
public static class AccountEmailLimits
{
    /// <summary>When each email of <paramref name="kinds"/> to the account in the hour before <paramref name="now"/> was due.</summary>
    public static Task<List<Instant>> RecentAsync(PinpointDb db, string userId, IReadOnlyCollection<NotificationKind> kinds, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = now - Duration.FromHours(1);
        return db.Set<Notification>()
            .Where(n => n.UserId == userId && kinds.Contains(n.Kind) && n.DueAt > since)
            .Select(n => n.DueAt).ToListAsync(cancellationToken);
    }

    /// <summary>True when fewer than <paramref name="perHour"/> went in the last hour and none in the last <paramref name="pause"/>.</summary>
    public static bool Allow(IReadOnlyCollection<Instant> recent, int perHour, Duration pause, Instant now)
    {
        ArgumentNullException.ThrowIfNull(recent);
        return recent.Count < perHour && !recent.Any(at => at > now - pause);
    }
}
