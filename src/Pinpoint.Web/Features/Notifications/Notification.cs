using NodaTime;

namespace Pinpoint.Web.Features.Notifications;

public enum NotificationKind
{
    Confirmation = 1,
    Reminder = 2,
    Change = 3,
    Cancellation = 4,

    /// <summary>Outcome questionnaires are due (after a completed session), with a link to answer them.</summary>
    OutcomesDue = 5,

    /// <summary>To the therapist: a new visit, booked by a client or given by an approved day plan.</summary>
    Assignment = 6,

    /// <summary>To the client: the therapist signed the session's note, so its summary can be read.</summary>
    SummaryReady = 7,

    /// <summary>To the therapist: the client moved the visit.</summary>
    TherapistMoved = 8,

    /// <summary>To the therapist: the visit was cancelled (by anyone, the therapist included: the invitation is withdrawn).</summary>
    TherapistCancel = 9,

    /// <summary>Account emails (no booking; <see cref="Notification.UserId"/> says whose): a link to set a new password.</summary>
    PasswordReset = 10,

    /// <summary>To a new address: a link that confirms it before it becomes the account's email.</summary>
    EmailConfirm = 11,

    /// <summary>To the old address: the account's email is now another one.</summary>
    EmailChanged = 12,

    /// <summary>The account's password was changed or reset.</summary>
    PasswordChanged = 13,

    /// <summary>To the client: the therapist has set off, with the arrival time and the link to the live page.</summary>
    OnTheWay = 14,

    /// <summary>
    /// To the client: the therapist is running late, with the new arrival time. Its <see cref="Notification.Sequence"/> is
    /// that time in minutes since 1970 (UTC), not the calendar SEQUENCE: one message per new time, and the same time said
    /// twice is one message (the unique index on booking, kind and sequence).
    /// </summary>
    RunningLate = 15,

    /// <summary>To an address just signed up with: the link that confirms it and opens the account.</summary>
    SignUpConfirm = 16,

    /// <summary>To an account's address that someone tried to sign up with again: sign in, or set a new password.</summary>
    SignUpTaken = 17,

    /// <summary>
    /// To the operator on call: a welfare alert on a visit (no check-in, no check-out, a call for help). Written with the
    /// alert in one transaction by the Welfare feature; its <see cref="Notification.Sequence"/> is the concern times 100
    /// plus the recipient's place, so each recipient of each alert has one row.
    /// </summary>
    OnCallAlert = 18,
}

/// <summary>
/// An email waiting to go or gone (an outbox row). Because it lives in the database, a restart does not lose it: a
/// dispatcher claims a row with a lease (<see cref="ClaimedUntil"/>), sends it, and only then stamps
/// <see cref="SentAt"/>; a claim whose node died runs out and the row is sent again, with the same Message-ID.
/// </summary>
public sealed class Notification
{
    public long Id { get; init; }

    /// <summary>The booking the message is about; null for an account email.</summary>
    public Guid? BookingId { get; init; }

    /// <summary>The account an account email is about (for its limits); null for a booking's messages.</summary>
    public string? UserId { get; init; }

    public required NotificationKind Kind { get; init; }

    /// <summary>The booking's calendar SEQUENCE this message describes; one reminder per booking and sequence. 0 for an account email.</summary>
    public required int Sequence { get; init; }

    public required string To { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    public string? Ics { get; init; }

    public required Instant DueAt { get; init; }

    public Instant? SentAt { get; set; }

    /// <summary>Until when a dispatcher holds the row (or, after a failed send, when it may be tried again); null when free.</summary>
    public Instant? ClaimedUntil { get; set; }

    /// <summary>The dispatcher holding the claim (node and process), for diagnosis; null when free.</summary>
    public string? ClaimedBy { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
