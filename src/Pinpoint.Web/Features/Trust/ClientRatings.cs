using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Trust;

public sealed record ClientRatingRequest(int? Rating, string? Note, bool? Block = null);

public enum TrustOutcome
{
    Done = 1,

    /// <summary>The same request again (a retry, a double click): what is stored already answers it.</summary>
    Replayed = 2,
    NotFound = 3,
    Invalid = 4,

    /// <summary>The visit is rated already, differently: nothing changed; the stored rating is returned.</summary>
    AlreadyRated = 5,
}

/// <summary>The therapist's rating of a visit, as they and operators see it.</summary>
public sealed record ClientRatingView(Guid BookingId, int Rating, string? Note, Instant CreatedAt, bool Blocked);

public sealed record RatingResult(TrustOutcome Outcome, ClientRatingView? Rating = null, Dictionary<string, string[]>? Errors = null);

/// <summary>A block as the therapist who made it sees it.</summary>
public sealed record BlockView(long Id, string ClientUserId, string ClientName, Instant Since, Guid? BookingId);

/// <summary>
/// The therapist's side of trust: after a closed visit (completed or no-show) they rate the client privately, once per
/// visit, and may block the client from booking them again; they see and lift their own blocks. Every change is audited.
/// </summary>
public sealed class ClientRatings(PinpointDb db, IRateableVisits visits, IClock clock, ILogger<ClientRatings> logger)
{
    public const int MaxNoteLength = 1000;

    /// <summary>The visit if it is the signed-in therapist's own, with their therapist id; null otherwise.</summary>
    public async Task<(RateableVisit Visit, Guid TherapistId)?> OwnVisitAsync(Guid bookingId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var therapistId = await TherapistIdAsync(actor, cancellationToken);
        var visit = therapistId is null ? null : await visits.FindAsync(bookingId, cancellationToken);
        return therapistId is { } id && visit is not null && visit.TherapistId == id ? (visit, id) : null;
    }

    /// <summary>The signed-in therapist's rating of this visit, or null (also for someone else's visit).</summary>
    public async Task<ClientRatingView?> RatingOfAsync(Guid bookingId, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        await OwnVisitAsync(bookingId, actor, cancellationToken) is { } own ? await ViewAsync(bookingId, own.Visit, own.TherapistId, cancellationToken) : null;

    /// <summary>Whether the signed-in therapist has blocked this visit's client.</summary>
    public async Task<bool> BlockedAsync(Guid therapistId, string clientUserId, CancellationToken cancellationToken) =>
        await db.Set<ClientBlock>().AnyAsync(b => b.TherapistId == therapistId && b.ClientUserId == clientUserId, cancellationToken);

    /// <summary>
    /// Rates the client of a closed visit, and blocks them when asked. The same rating sent again answers as the first
    /// (<see cref="TrustOutcome.Replayed"/>); a different one finds the stored rating (<see cref="TrustOutcome.AlreadyRated"/>).
    /// </summary>
    public Task<RatingResult> RateAsync(Guid bookingId, ClaimsPrincipal actor, ClientRatingRequest request, CancellationToken cancellationToken) =>
        WriteConflicts.RetryAsync(db, () => RateOnceAsync(bookingId, actor, request, cancellationToken));

    private async Task<RatingResult> RateOnceAsync(Guid bookingId, ClaimsPrincipal actor, ClientRatingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await OwnVisitAsync(bookingId, actor, cancellationToken) is not { } own)
        {
            return new(TrustOutcome.NotFound);
        }

        var (visit, therapistId) = own;

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (visit.Completed is null)
        {
            errors["booking"] = ["You can rate the client once the visit is closed (completed or no-show)."];
        }

        if (request.Rating is not (>= 1 and <= 5))
        {
            errors["rating"] = ["Choose 1 to 5."];
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            errors["note"] = [$"A note is at most {MaxNoteLength} characters."];
        }

        if (errors.Count > 0)
        {
            return new(TrustOutcome.Invalid, Errors: errors);
        }

        var block = request.Block == true;
        var actorId = CurrentUser.Id(actor);
        var now = clock.GetCurrentInstant();
        var existing = await db.Set<ClientRating>().AsNoTracking().SingleOrDefaultAsync(r => r.BookingId == bookingId, cancellationToken);
        if (existing is not null)
        {
            if (existing.Rating != request.Rating || existing.Note != note)
            {
                return new(TrustOutcome.AlreadyRated, await ViewAsync(bookingId, visit, therapistId, cancellationToken));
            }

            // A retry of the same rating: make sure the block it asked for holds, and answer as before.
            if (block && !await BlockedAsync(therapistId, visit.ClientUserId, cancellationToken))
            {
                AddBlock(therapistId, visit, actorId, now);
                await db.SaveChangesAsync(cancellationToken);
            }

            return new(TrustOutcome.Replayed, await ViewAsync(bookingId, visit, therapistId, cancellationToken));
        }

        db.Add(new ClientRating
        {
            BookingId = bookingId, TherapistId = therapistId, ClientUserId = visit.ClientUserId, Rating = request.Rating!.Value, Note = note,
            CreatedAt = now, CreatedBy = actorId,
        });
        db.AuditEntries.Add(new AuditEntry { ActorUserId = actorId, Action = "rate-client", SubjectUserId = visit.ClientUserId, Resource = $"booking:{bookingId}", At = now });
        var blocking = block && !await BlockedAsync(therapistId, visit.ClientUserId, cancellationToken);
        if (blocking)
        {
            AddBlock(therapistId, visit, actorId, now);
        }

        // The rating and the block are one save: both or neither.
        await db.SaveChangesAsync(cancellationToken);
        logger.Rated(bookingId, therapistId);
        if (blocking)
        {
            logger.Blocked(therapistId, bookingId);
        }

        return new(TrustOutcome.Done, await ViewAsync(bookingId, visit, therapistId, cancellationToken));
    }

    /// <summary>Blocks the client of the therapist's closed visit; blocking twice is the same as once.</summary>
    public Task<TrustOutcome> BlockAsync(Guid bookingId, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        WriteConflicts.RetryAsync(db, async () =>
        {
            if (await OwnVisitAsync(bookingId, actor, cancellationToken) is not { } own)
            {
                return TrustOutcome.NotFound;
            }

            var (visit, therapistId) = own;

            if (visit.Completed is null)
            {
                return TrustOutcome.Invalid;
            }

            if (await BlockedAsync(therapistId, visit.ClientUserId, cancellationToken))
            {
                return TrustOutcome.Replayed;
            }

            AddBlock(therapistId, visit, CurrentUser.Id(actor), clock.GetCurrentInstant());
            await db.SaveChangesAsync(cancellationToken);
            logger.Blocked(therapistId, bookingId);
            return TrustOutcome.Done;
        });

    /// <summary>Lifts one of the signed-in therapist's blocks. Lifting one that is not there (lifted already) changes nothing.</summary>
    public async Task<bool> UnblockAsync(long blockId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var therapistId = await TherapistIdAsync(actor, cancellationToken);
        var block = therapistId is null ? null
            : await db.Set<ClientBlock>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == blockId && b.TherapistId == therapistId, cancellationToken);
        if (block is null)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Only the request that deleted the row writes the audit entry: two lifts at once leave one entry.
        if (await db.Set<ClientBlock>().Where(b => b.Id == blockId).ExecuteDeleteAsync(cancellationToken) == 1)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                ActorUserId = CurrentUser.Id(actor), Action = "unblock-client", SubjectUserId = block.ClientUserId, Resource = $"therapist:{block.TherapistId}",
                At = clock.GetCurrentInstant(),
            });
            await db.SaveChangesAsync(cancellationToken);
            logger.Unblocked(block.TherapistId, blockId);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The signed-in therapist's blocks, newest first.</summary>
    public async Task<IReadOnlyList<BlockView>> MyBlocksAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var therapistId = await TherapistIdAsync(actor, cancellationToken);
        if (therapistId is null)
        {
            return [];
        }

        var blocks = await db.Set<ClientBlock>().AsNoTracking().Where(b => b.TherapistId == therapistId)
            .Join(db.Users, b => b.ClientUserId, u => u.Id, (b, u) => new { b.Id, b.ClientUserId, u.DisplayName, b.CreatedAt, b.BookingId })
            .ToListAsync(cancellationToken);
        return [.. blocks.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id).Select(b => new BlockView(b.Id, b.ClientUserId, b.DisplayName, b.CreatedAt, b.BookingId))];
    }

    /// <summary>The visits of this therapist that they have rated, among <paramref name="bookingIds"/>.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> RatedAsync(IReadOnlyCollection<Guid> bookingIds, CancellationToken cancellationToken) =>
        bookingIds.Count == 0 ? new Dictionary<Guid, int>()
            : await db.Set<ClientRating>().AsNoTracking().Where(r => bookingIds.Contains(r.BookingId)).ToDictionaryAsync(r => r.BookingId, r => r.Rating, cancellationToken);

    public async Task<Guid?> TherapistIdAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var userId = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is null ? null
            : await db.Therapists.AsNoTracking().Where(t => t.UserId == userId).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
    }

    private void AddBlock(Guid therapistId, RateableVisit visit, string actorId, Instant now)
    {
        db.Add(new ClientBlock { TherapistId = therapistId, ClientUserId = visit.ClientUserId, BookingId = visit.BookingId, CreatedAt = now, CreatedBy = actorId });
        db.AuditEntries.Add(new AuditEntry { ActorUserId = actorId, Action = "block-client", SubjectUserId = visit.ClientUserId, Resource = $"therapist:{therapistId}", At = now });
    }

    private async Task<ClientRatingView?> ViewAsync(Guid bookingId, RateableVisit visit, Guid therapistId, CancellationToken cancellationToken)
    {
        var rating = await db.Set<ClientRating>().AsNoTracking().SingleOrDefaultAsync(r => r.BookingId == bookingId, cancellationToken);
        return rating is null ? null
            : new ClientRatingView(bookingId, rating.Rating, rating.Note, rating.CreatedAt, await BlockedAsync(therapistId, visit.ClientUserId, cancellationToken));
    }
}
