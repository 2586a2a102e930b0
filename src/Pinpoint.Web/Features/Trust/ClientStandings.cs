using Microsoft.EntityFrameworkCore;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Trust;

/// <summary>
/// Reads whether clients may book and which therapists have blocked them. Never cached: a search reads it for the
/// signed-in client, and a booking reads it again inside its write lock on the same connection, so a block or a
/// suspension made on any server counts from the moment it is committed.
/// </summary>
public sealed class ClientStandings(PinpointDb db)
{
    public async Task<ClientStanding> OfAsync(string clientUserId, CancellationToken cancellationToken)
    {
        var suspended = await db.Set<ClientSuspension>().AnyAsync(s => s.ClientUserId == clientUserId && s.ReinstatedAt == null, cancellationToken);
        var blockedBy = await db.Set<ClientBlock>().Where(b => b.ClientUserId == clientUserId).Select(b => b.TherapistId).ToListAsync(cancellationToken);
        return new ClientStanding(suspended, blockedBy.ToHashSet());
    }

    public Task<bool> IsSuspendedAsync(string clientUserId, CancellationToken cancellationToken) =>
        db.Set<ClientSuspension>().AnyAsync(s => s.ClientUserId == clientUserId && s.ReinstatedAt == null, cancellationToken);

    /// <summary>The standing of several clients in two queries (a day's requests); clients with nothing against them are absent.</summary>
    public async Task<IReadOnlyDictionary<string, ClientStanding>> OfManyAsync(IReadOnlyCollection<string> clientUserIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientUserIds);
        if (clientUserIds.Count == 0)
        {
            return new Dictionary<string, ClientStanding>(StringComparer.Ordinal);
        }

        var suspended = (await db.Set<ClientSuspension>().Where(s => clientUserIds.Contains(s.ClientUserId) && s.ReinstatedAt == null)
            .Select(s => s.ClientUserId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var blocks = (await db.Set<ClientBlock>().Where(b => clientUserIds.Contains(b.ClientUserId))
            .Select(b => new { b.ClientUserId, b.TherapistId }).ToListAsync(cancellationToken)).ToLookup(b => b.ClientUserId, b => b.TherapistId, StringComparer.Ordinal);
        return clientUserIds.Distinct(StringComparer.Ordinal).Where(id => suspended.Contains(id) || blocks.Contains(id))
            .ToDictionary(id => id, id => new ClientStanding(suspended.Contains(id), blocks[id].ToHashSet()), StringComparer.Ordinal);
    }
}
