using NodaTime;
using Pinpoint.Core.Visits;

namespace Pinpoint.Web.Features.Welfare;

/// <summary>How soon an operator must act. A therapist's own call for help outranks any silence.</summary>
public enum WelfareLevel
{
    /// <summary>No check-in: the therapist may be stuck in traffic, or may not have reached the door.</summary>
    Concern = 1,

    /// <summary>No check-out: the therapist is inside a stranger's home and has gone quiet.</summary>
    Serious = 2,

    /// <summary>The therapist pressed "I need help".</summary>
    Urgent = 3,
}

public enum WelfareAlertState
{
    Open = 1,

    /// <summary>An operator has seen it and is calling; it stays on the board until closed.</summary>
    Acknowledged = 2,
    Closed = 3,
}

/// <summary>
/// An operator must look at a visit: raised once per visit and concern (a unique index, so two nodes scanning at the
/// same moment, or a therapist pressing "I need help" twice, make one row), with its escalation email written to the
/// outbox in the same transaction. It stays until an operator closes it with a note, even if the therapist checks in
/// meanwhile: someone has to have spoken to them.
/// </summary>
public sealed class WelfareAlert
{
    public long Id { get; init; }

    public required Guid BookingId { get; init; }

    public required WelfareConcern Concern { get; init; }

    public required WelfareLevel Level { get; init; }

    public WelfareAlertState State { get; set; } = WelfareAlertState.Open;

    public required Instant RaisedAt { get; init; }

    /// <summary>The therapist who asked for help; null when the scan raised it.</summary>
    public string? RaisedBy { get; init; }

    /// <summary>When the escalation email was queued (with the alert); null when nobody could be emailed.</summary>
    public Instant? EscalatedAt { get; init; }

    public string? AcknowledgedBy { get; set; }

    public Instant? AcknowledgedAt { get; set; }

    public string? ClosedBy { get; set; }

    public Instant? ClosedAt { get; set; }

    /// <summary>What the operator found (at most <see cref="WelfareAlerts.MaxNoteLength"/> characters); required to close.</summary>
    public string? CloseNote { get; set; }

    public static WelfareLevel LevelOf(WelfareConcern concern) => concern switch
    {
        WelfareConcern.Help => WelfareLevel.Urgent,
        WelfareConcern.NoCheckOut => WelfareLevel.Serious,
        _ => WelfareLevel.Concern,
    };
}
