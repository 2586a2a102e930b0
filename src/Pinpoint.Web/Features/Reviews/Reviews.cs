using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Reviews;

/// <summary>A client's rating (1–5) and optional comment on a completed session; one per booking.</summary>
public sealed class Review
{
    public long Id { get; init; }

    public required Guid BookingId { get; init; }

    public required Guid TherapistId { get; init; }

    public required string ClientUserId { get; init; }

    public required int Rating { get; init; }

    public string? Comment { get; init; }

    public Instant CreatedAt { get; init; }
}

/// <summary>A session as far as reviewing it goes: whose it was, with whom, and whether it took place.</summary>
public sealed record ReviewableVisit(string ClientUserId, Guid? TherapistId, bool Completed);

/// <summary>Finds the session a client wants to rate; sessions are the booking feature's, so it answers.</summary>
public interface IReviewableVisits
{
    /// <summary>The session, or null when there is none. A completed session always has its therapist.</summary>
    Task<ReviewableVisit?> FindAsync(Guid bookingId, CancellationToken cancellationToken);
}

/// <summary>What a review looks like in public: no client identity.</summary>
public sealed record PublicReview(int Rating, string? Comment, LocalDate Date);

/// <summary>A therapist's standing: the plain average and count shown to people, and the score ranking uses.</summary>
public sealed record RatingSummary(double? Average, int Count)
{
    /// <summary>
    /// The average pulled towards an ordinary 4 by three imaginary reviews, so one 5-star review does not put a
    /// newcomer above someone with forty 4.8s. Null without reviews: the engine then treats them as ordinary.
    /// </summary>
    public double? ForRanking(double sum) => Count == 0 ? null : (sum + (PriorWeight * PriorMean)) / (Count + PriorWeight);

    public const double PriorMean = 4.0;

    public const int PriorWeight = 3;
}

public enum ReviewOutcome
{
    Created = 1,
    NotFound = 2,
    Forbidden = 3,
    Invalid = 4,
    AlreadyReviewed = 5,
}

public sealed record ReviewRequest(int? Rating, string? Comment);

/// <summary>Clients rate sessions they had; profiles show the average and count.</summary>
public sealed class ReviewService(PinpointDb db, IReviewableVisits visits, IClock clock)
{
    public const int MaxCommentLength = 1000;

    /// <summary>Adds the client's review; a second one (a double click that lost the race included) is <see cref="ReviewOutcome.AlreadyReviewed"/>.</summary>
    public Task<(ReviewOutcome Outcome, Dictionary<string, string[]>? Errors)> AddAsync(
        Guid bookingId, ClaimsPrincipal actor, ReviewRequest request, CancellationToken cancellationToken) =>
        WriteConflicts.RetryAsync(db, () => AddOnceAsync(bookingId, actor, request, cancellationToken));

    private async Task<(ReviewOutcome Outcome, Dictionary<string, string[]>? Errors)> AddOnceAsync(
        Guid bookingId, ClaimsPrincipal actor, ReviewRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actorId = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        var booking = await visits.FindAsync(bookingId, cancellationToken);
        if (booking is null)
        {
            return (ReviewOutcome.NotFound, null);
        }

        if (booking.ClientUserId != actorId)
        {
            return (ReviewOutcome.Forbidden, null);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!booking.Completed)
        {
            errors["booking"] = ["You can rate a session once your therapist has marked it completed."];
        }

        if (request.Rating is not (>= 1 and <= 5))
        {
            errors["rating"] = ["Choose 1 to 5 stars."];
        }

        if (request.Comment is { Length: > MaxCommentLength })
        {
            errors["comment"] = [$"A comment is at most {MaxCommentLength} characters."];
        }

        if (errors.Count > 0)
        {
            return (ReviewOutcome.Invalid, errors);
        }

        if (await db.Set<Review>().AnyAsync(r => r.BookingId == bookingId, cancellationToken))
        {
            return (ReviewOutcome.AlreadyReviewed, null);
        }

        db.Add(new Review
        {
            BookingId = bookingId, TherapistId = booking.TherapistId!.Value, ClientUserId = booking.ClientUserId, Rating = request.Rating!.Value,
            Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(), CreatedAt = clock.GetCurrentInstant(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return (ReviewOutcome.Created, null);
    }

    public async Task<RatingSummary> SummaryAsync(Guid therapistId, CancellationToken cancellationToken)
    {
        var ratings = await db.Set<Review>().AsNoTracking().Where(r => r.TherapistId == therapistId).Select(r => r.Rating).ToListAsync(cancellationToken);
        return new RatingSummary(ratings.Count == 0 ? null : Math.Round(ratings.Average(), 1), ratings.Count);
    }

    /// <summary>The standing of every therapist in <paramref name="therapistIds"/>, in one query; those without reviews are absent.</summary>
    public async Task<IReadOnlyDictionary<Guid, RatingSummary>> SummariesAsync(IReadOnlyCollection<Guid> therapistIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(therapistIds);
        if (therapistIds.Count == 0)
        {
            return new Dictionary<Guid, RatingSummary>();
        }

        var rows = await db.Set<Review>().AsNoTracking().Where(r => therapistIds.Contains(r.TherapistId))
            .GroupBy(r => r.TherapistId).Select(g => new { TherapistId = g.Key, Count = g.Count(), Sum = g.Sum(r => r.Rating) }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.TherapistId, r => new RatingSummary(Math.Round((double)r.Sum / r.Count, 1), r.Count));
    }

    /// <summary>The newest reviews, each dated on the day its client wrote it in their own area's zone (<see cref="ClientAreas"/>).</summary>
    public async Task<IReadOnlyList<PublicReview>> LatestAsync(Guid therapistId, int take, CancellationToken cancellationToken) =>
        [.. (await db.Set<Review>().AsNoTracking().Where(r => r.TherapistId == therapistId).OrderByDescending(r => r.CreatedAt).Take(take)
                .Select(r => new { r.Rating, r.Comment, r.CreatedAt, Area = db.Users.Where(u => u.Id == r.ClientUserId).Select(u => u.HomeArea).FirstOrDefault() })
                .ToListAsync(cancellationToken))
            .Select(r => new PublicReview(r.Rating, r.Comment, r.CreatedAt.InZone(ClientAreas.Of(r.Area).Zone).Date))];

    /// <summary>Bookings of this client that have a review already (for "rate this session" links).</summary>
    public async Task<IReadOnlySet<Guid>> ReviewedAsync(string clientUserId, CancellationToken cancellationToken) =>
        (await db.Set<Review>().AsNoTracking().Where(r => r.ClientUserId == clientUserId).Select(r => r.BookingId).ToListAsync(cancellationToken)).ToHashSet();
}
