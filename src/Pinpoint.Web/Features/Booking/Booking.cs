using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Visits;

namespace Pinpoint.Web.Features.Booking;

public enum BookingStatus
{
    Requested = 0,
    Confirmed = 1,
    Completed = 2,
    Cancelled = 3,
    NoShow = 4,
}

/// <summary>
/// A visit of a therapist to a client's home. <see cref="OccupiedStart"/>–<see cref="OccupiedEnd"/> is the session
/// with set-up and pack-down: on PostgreSQL an exclusion constraint keeps those ranges of one therapist from
/// overlapping (cancelled bookings excepted), whatever the application does.
/// A flexible booking starts <see cref="BookingStatus.Requested"/> with only a window: no therapist and no time
/// (<see cref="TherapistId"/>, <see cref="Start"/>, <see cref="End"/> and the occupied range are all null) until an
/// approved day plan fixes them together and confirms it. Every other booking has all of them.
/// </summary>
public sealed class Booking
{
    public Guid Id { get; init; }

    public required string ClientUserId { get; init; }

    public required Guid? TherapistId { get; set; }

    /// <summary>A flexible booking's window: the visit starts at or after <see cref="WindowStart"/> and at or before <see cref="WindowEnd"/>.</summary>
    public Instant? WindowStart { get; init; }

    public Instant? WindowEnd { get; init; }

    /// <summary>False only for a window request not yet planned (no therapist, no time).</summary>
    public bool IsScheduled => Start is not null;

    /// <summary>The exact start, or for a window request not yet planned the window's start: for ordering and fees.</summary>
    public Instant EarliestStart => Start ?? WindowStart ?? CreatedAt;

    public Modality Modality { get; init; } = Modality.Myofascial;

    public int DurationMinutes { get; init; } = 60;

    public required Instant? Start { get; set; }

    public required Instant? End { get; set; }

    public required Instant? OccupiedStart { get; set; }

    public required Instant? OccupiedEnd { get; set; }

    public double ClientLatitude { get; init; }

    public double ClientLongitude { get; init; }

    public string Address { get; init; } = "";

    /// <summary>How to get in: parking, stairs, pets, the gate code. For the therapist of this visit only.</summary>
    public string? AccessNotes { get; init; }

    public decimal PriceAmount { get; init; }

    public string Currency { get; init; } = "AUD";

    /// <summary>The quote's lines as JSON, as the client saw them.</summary>
    public string QuoteJson { get; init; } = "[]";

    /// <summary>The client's intake version, screening result and preferences when they booked.</summary>
    public int? IntakeVersion { get; init; }

    public string? ScreeningJson { get; init; }

    public string? PreferencesJson { get; init; }

    /// <summary>Where it hurts as the client marked it before booking (<see cref="BookingPain"/>), or null.</summary>
    public string? PainJson { get; init; }

    public BookingStatus Status { get; set; } = BookingStatus.Confirmed;

    /// <summary>The treatment plan this visit is a session of, and which session.</summary>
    public Guid? PlanId { get; set; }

    public int? PlanSession { get; set; }

    public string? StatusReason { get; set; }

    public string? StatusChangedBy { get; set; }

    /// <summary>What the client owes for a late cancellation or move, by the policy at the time.</summary>
    public decimal? FeeAmount { get; set; }

    public Instant? StatusChangedAt { get; set; }

    /// <summary>The client's Idempotency-Key and a hash of the request it came with.</summary>
    public string? IdempotencyKey { get; init; }

    public string? RequestHash { get; init; }

    public Instant CreatedAt { get; init; }

    /// <summary>The calendar event's SEQUENCE: bumped on every change.</summary>
    public int Sequence { get; set; }

    /// <summary>
    /// Where a confirmed visit stands on its day (set off, arrived, checked out): <see cref="Status"/> stays
    /// <see cref="BookingStatus.Confirmed"/> through these, so availability, reminders, notes and reviews see a confirmed
    /// visit. Each stage reached is also a row in <c>VisitEvents</c> (who, when, where); the VisitDay feature moves it.
    /// </summary>
    public VisitStage Stage { get; set; }

    /// <summary>When the therapist expects to arrive: set when they set off (travel model) or say they are running late; cleared on arrival.</summary>
    public Instant? EtaAt { get; set; }

    /// <summary>
    /// The therapist's latest position while on the way, if their phone shared it: only ever the latest, shown to this
    /// booking's client alone, and erased (all four columns null) on arrival and whenever the visit is closed or cancelled.
    /// </summary>
    public double? PositionLatitude { get; set; }

    public double? PositionLongitude { get; set; }

    /// <summary>The phone's error radius in metres, when it gave one.</summary>
    public double? PositionAccuracy { get; set; }

    public Instant? PositionAt { get; set; }

    /// <summary>The privacy rule's one place: forgets where the therapist is.</summary>
    public void ErasePosition()
    {
        PositionLatitude = null;
        PositionLongitude = null;
        PositionAccuracy = null;
        PositionAt = null;
    }

    /// <summary>
    /// The row's version, for optimistic concurrency: on PostgreSQL the system column <c>xmin</c> (the last transaction
    /// that wrote the row), on SQLite a counter bumped by every update (<see cref="Data.PinpointDb"/>). A change made
    /// from an older version is refused, so two requests cannot overwrite each other's changes.
    /// </summary>
    public uint Version { get; set; }
}
