using NodaTime;

namespace Pinpoint.Web.Features.Trust;

/// <summary>
/// A therapist's private rating of a client after a visit (1–5 and an optional note), one per visit. Operators see it;
/// the client and other therapists never do.
/// </summary>
public sealed class ClientRating
{
    public long Id { get; init; }

    public required Guid BookingId { get; init; }

    public required Guid TherapistId { get; init; }

    public required string ClientUserId { get; init; }

    public required int Rating { get; init; }

    public string? Note { get; init; }

    public required Instant CreatedAt { get; init; }

    /// <summary>The therapist's user id.</summary>
    public required string CreatedBy { get; init; }
}

/// <summary>
/// A therapist will not see this client again: the client is never offered that therapist and cannot book them. One row
/// per therapist and client while it holds; lifting it deletes the row (the audit trail keeps who and when).
/// </summary>
public sealed class ClientBlock
{
    public long Id { get; init; }

    public required Guid TherapistId { get; init; }

    public required string ClientUserId { get; init; }

    /// <summary>The visit after which the therapist blocked the client.</summary>
    public Guid? BookingId { get; init; }

    public required Instant CreatedAt { get; init; }

    public required string CreatedBy { get; init; }
}

/// <summary>
/// An operator's suspension of a client: while <see cref="ReinstatedAt"/> is null the client cannot book anyone. Kept
/// after reinstatement, so the account's history stays on the operator's page. At most one open suspension per client
/// (a unique index over the open ones).
/// </summary>
public sealed class ClientSuspension
{
    public long Id { get; init; }

    public required string ClientUserId { get; init; }

    /// <summary>Why, for operators only: the client is never told.</summary>
    public required string Reason { get; init; }

    public required Instant SuspendedAt { get; init; }

    public required string SuspendedBy { get; init; }

    public Instant? ReinstatedAt { get; set; }

    public string? ReinstatedBy { get; set; }

    public string? ReinstatementNote { get; set; }
}

/// <summary>Whether a client may book, and whom not: read fresh from the database for every search and inside every booking's lock.</summary>
public sealed record ClientStanding(bool Suspended, IReadOnlySet<Guid> BlockedBy)
{
    /// <summary>
    /// What a suspended client is told, wherever they try to book. It says nothing about why, and nothing of any
    /// therapist's block (a blocked time is simply no longer available).
    /// </summary>
    public const string NotTakingBookings = "We can't take new bookings on this account at the moment. Please contact us.";

    public static ClientStanding Clear { get; } = new(false, new HashSet<Guid>());
}

/// <summary>A closed visit as rating it goes: whose it was, with whom, when, and whether it took place.</summary>
/// <param name="Completed">True when completed, false for a no-show; null while the visit is not closed.</param>
public sealed record RateableVisit(Guid BookingId, string ClientUserId, Guid? TherapistId, Instant? Start, bool? Completed);

/// <summary>Finds the visit a therapist wants to rate the client of; visits are the booking feature's, so it answers.</summary>
public interface IRateableVisits
{
    Task<RateableVisit?> FindAsync(Guid bookingId, CancellationToken cancellationToken);
}
