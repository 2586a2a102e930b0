using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Notifications;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// The work of emailing an account, done when no email goes (no account has the address, or its limit is reached), so
/// that answering takes about as long and leaves the same trace either way: the per-account limit's query, a link's
/// token made and thrown away, and one email row written and removed in the same transaction. That commit costs what
/// a real email's does (on SQLite a WAL write and its sync, which an update that changed nothing would not), and it
/// uses up one outbox id as a real email would: the id is in every email's Message-ID, so an id skipped only when
/// an email went out would tell someone who asks for a link for another address between two links of their own.
/// Nobody ever sees the row: other connections only see it gone.
/// </summary>
public sealed class DecoyWork(PinpointDb db, UserManager<PinpointUser> users, IClock clock)
{
    /// <summary>All of it, for an address no account has: the limit's query, a token, and <see cref="WriteAsync"/>.</summary>
    public async Task SpendAsync(ClockedTokenProvider tokens, string purpose, IReadOnlyCollection<NotificationKind> kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(kinds);
        var ghost = new PinpointUser
        {
            Id = Guid.NewGuid().ToString(), DisplayName = "", SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
        };
        _ = await AccountEmailLimits.RecentAsync(db, ghost.Id, kinds, clock.GetCurrentInstant(), cancellationToken);
        _ = await tokens.GenerateAsync(purpose, users, ghost);
        await WriteAsync(kinds.First(), cancellationToken);
    }

    /// <summary>
    /// What counting a failed sign-in costs an account (Identity's validator looks the name and the email up, then one
    /// row is updated), for an email no account has. The row is the Client role's, given a new concurrency stamp: a
    /// real write (rewriting a value unchanged is none: SQLite skips it), without a new row or an id anyone could
    /// see. Roles are created once and never updated, so nothing compares that stamp.
    /// </summary>
    public async Task FailedSignInAsync(string email, CancellationToken cancellationToken)
    {
        _ = await users.FindByNameAsync(email);
        _ = await users.FindByEmailAsync(email);
        var client = Roles.Client.ToUpperInvariant();
        var stamp = Guid.NewGuid().ToString();
        await db.Roles.Where(r => r.NormalizedName == client)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ConcurrencyStamp, stamp), cancellationToken);
    }

    /// <summary>The write an email would have been: a row added and removed in one transaction (the caller's, if it has one).</summary>
    public async Task WriteAsync(NotificationKind kind, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // Already "sent" and due now: even a dispatcher inside this transaction would pass it by.
            var row = new Notification { Kind = kind, Sequence = 0, To = "", Subject = "", Body = "", DueAt = now, SentAt = now };
            db.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            db.Remove(row);
            await db.SaveChangesAsync(cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
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
