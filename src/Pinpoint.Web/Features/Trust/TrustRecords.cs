using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Trust;

/// <summary>A client in the operator's list: what therapists made of them and whether they may book.</summary>
public sealed record ClientTrustSummary(string UserId, string Name, string Email, int Ratings, double? AverageRating, int Blocks, bool Suspended);

public sealed record RatingRecord(Guid BookingId, Guid TherapistId, string TherapistName, int Rating, string? Note, Instant At);

public sealed record BlockRecord(Guid TherapistId, string TherapistName, Instant Since, Guid? BookingId);

public sealed record SuspensionRecord(string Reason, Instant SuspendedAt, string SuspendedBy, Instant? ReinstatedAt, string? ReinstatedBy, string? ReinstatementNote);

/// <summary>One client's trust record for operators: ratings by therapists, blocks, suspensions (open one first).</summary>
public sealed record ClientTrustRecord(
    string UserId, string Name, string Email, string? Mobile, Instant JoinedAt, IReadOnlyList<SuspensionRecord> Suspensions,
    IReadOnlyList<RatingRecord> Ratings, IReadOnlyList<BlockRecord> Blocks)
{
    public SuspensionRecord? Open => Suspensions.FirstOrDefault(s => s.ReinstatedAt is null);
}

/// <summary>What operators read about clients' standing. Therapists and clients never reach it.</summary>
public sealed class TrustRecords(PinpointDb db)
{
    public const int PageSize = 50;

    /// <summary>Clients with a rating, a block or an open suspension, the most recent first.</summary>
    public async Task<IReadOnlyList<ClientTrustSummary>> FlaggedAsync(CancellationToken cancellationToken)
    {
        // The latest of each kind, merged here: each list is read by its own index, newest first.
        var ratings = await db.Set<ClientRating>().AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(PageSize * 4)
            .Select(r => new { r.ClientUserId, At = r.CreatedAt }).ToListAsync(cancellationToken);
        var blocks = await db.Set<ClientBlock>().AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(PageSize * 4)
            .Select(b => new { b.ClientUserId, At = b.CreatedAt }).ToListAsync(cancellationToken);
        var open = await db.Set<ClientSuspension>().AsNoTracking().Where(s => s.ReinstatedAt == null)
            .Select(s => new { s.ClientUserId, At = s.SuspendedAt }).ToListAsync(cancellationToken);
        var recent = open.Concat(ratings).Concat(blocks)
            .GroupBy(x => x.ClientUserId, StringComparer.Ordinal).Select(g => new { ClientUserId = g.Key, Latest = g.Max(x => x.At) })
            .OrderByDescending(x => x.Latest).Take(PageSize).ToList();
        var ids = recent.Select(r => r.ClientUserId).ToList();
        var summaries = (await SummariesAsync(ids, cancellationToken)).ToDictionary(s => s.UserId, StringComparer.Ordinal);
        return [.. ids.Where(summaries.ContainsKey).Select(id => summaries[id])];
    }

    /// <summary>Clients whose name or email contains <paramref name="query"/> (all clients when empty), by name.</summary>
    public async Task<IReadOnlyList<ClientTrustSummary>> SearchAsync(string? query, CancellationToken cancellationToken)
    {
        var clientRole = await db.Roles.Where(r => r.Name == Roles.Client).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken);
        var clients = db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == clientRole));
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(): the database compares, not this process's culture
            clients = clients.Where(u => u.DisplayName.ToLower().Contains(q) || (u.Email != null && u.Email.ToLower().Contains(q)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var ids = await clients.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Take(PageSize).Select(u => u.Id).ToListAsync(cancellationToken);
        var summaries = (await SummariesAsync(ids, cancellationToken)).ToDictionary(s => s.UserId, StringComparer.Ordinal);
        return [.. ids.Where(summaries.ContainsKey).Select(id => summaries[id])];
    }

    public async Task<ClientTrustRecord?> RecordAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.PhoneNumber, u.CreatedAt }).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var ratings = await db.Set<ClientRating>().AsNoTracking().Where(r => r.ClientUserId == userId)
            .Join(db.Therapists, r => r.TherapistId, t => t.Id, (r, t) => new RatingRecord(r.BookingId, r.TherapistId, t.DisplayName, r.Rating, r.Note, r.CreatedAt))
            .ToListAsync(cancellationToken);
        var blocks = await db.Set<ClientBlock>().AsNoTracking().Where(b => b.ClientUserId == userId)
            .Join(db.Therapists, b => b.TherapistId, t => t.Id, (b, t) => new BlockRecord(b.TherapistId, t.DisplayName, b.CreatedAt, b.BookingId))
            .ToListAsync(cancellationToken);
        var suspensions = await db.Set<ClientSuspension>().AsNoTracking().Where(s => s.ClientUserId == userId).ToListAsync(cancellationToken);
        var admins = suspensions.SelectMany(s => new[] { s.SuspendedBy, s.ReinstatedBy }).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => admins.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return new ClientTrustRecord(
            user.Id, user.DisplayName, user.Email ?? "", user.PhoneNumber, user.CreatedAt,
            [.. suspensions.OrderBy(s => s.ReinstatedAt is null ? 0 : 1).ThenByDescending(s => s.SuspendedAt).Select(s => new SuspensionRecord(
                s.Reason, s.SuspendedAt, names.GetValueOrDefault(s.SuspendedBy, "an operator"), s.ReinstatedAt,
                s.ReinstatedBy is null ? null : names.GetValueOrDefault(s.ReinstatedBy, "an operator"), s.ReinstatementNote))],
            [.. ratings.OrderByDescending(r => r.At)], [.. blocks.OrderByDescending(b => b.Since)]);
    }

    private async Task<IReadOnlyList<ClientTrustSummary>> SummariesAsync(List<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        var ratings = (await db.Set<ClientRating>().Where(r => ids.Contains(r.ClientUserId)).GroupBy(r => r.ClientUserId)
                .Select(g => new { Id = g.Key, Count = g.Count(), Sum = g.Sum(r => r.Rating) }).ToListAsync(cancellationToken))
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
        var blocks = (await db.Set<ClientBlock>().Where(b => ids.Contains(b.ClientUserId)).GroupBy(b => b.ClientUserId)
                .Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(b => b.Id, b => b.Count, StringComparer.Ordinal);
        var suspended = (await db.Set<ClientSuspension>().Where(s => ids.Contains(s.ClientUserId) && s.ReinstatedAt == null)
            .Select(s => s.ClientUserId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return [.. users.Select(u => new ClientTrustSummary(
            u.Id, u.DisplayName, u.Email ?? "",
            ratings.GetValueOrDefault(u.Id)?.Count ?? 0,
            ratings.TryGetValue(u.Id, out var r) ? Math.Round((double)r.Sum / r.Count, 1) : null,
            blocks.GetValueOrDefault(u.Id), suspended.Contains(u.Id)))];
    }
}
