using NodaTime;
using Pinpoint.Core.Visits;

namespace Pinpoint.Web.Features.VisitDay;

/// <summary>Where the arrival time promised at set-off was reckoned from.</summary>
public enum EtaBasis
{
    /// <summary>The position the therapist's phone shared as they set off.</summary>
    Phone = 1,

    /// <summary>The address of the therapist's visit before this one on the same day.</summary>
    PreviousVisit = 2,

    /// <summary>The therapist's base (their home address in the profile).</summary>
    Base = 3,
}

/// <summary>
/// One stage of a visit reached: who tapped, when, and (for the taps at the client's door) where the phone was. At most
/// one row per booking and stage (a unique index), so a double tap, a retry or two tabs store one row and get one
/// answer. Rows are never changed afterwards; the booking's <c>Stage</c> is the latest of them.
/// </summary>
/// <remarks>
/// Privacy: the set-off row keeps no coordinates. Where the therapist is during the drive is the booking's live
/// position, which only the client sees and which is erased on arrival; the arrival and check-out rows keep the
/// phone's coordinates, which lie at the client's own address and show the visit took place there.
/// </remarks>
public sealed class VisitEvent
{
    public long Id { get; init; }

    public required Guid BookingId { get; init; }

    public required VisitStage Stage { get; init; }

    public required Instant At { get; init; }

    /// <summary>The account that tapped (the visit's therapist).</summary>
    public required string ByUserId { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary>The phone's error radius in metres, when it gave one.</summary>
    public double? AccuracyMetres { get; init; }

    /// <summary>Set-off only: the arrival time promised to the client, and what it was reckoned from.</summary>
    public Instant? EtaAt { get; init; }

    public EtaBasis? EtaFrom { get; init; }
}
