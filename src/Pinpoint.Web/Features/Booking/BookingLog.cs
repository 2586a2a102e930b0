using Pinpoint.Web.Telemetry;

namespace Pinpoint.Web.Features.Booking;

/// <summary>
/// What the booking feature tells operators: a structured event for each change of a booking's state, and the
/// created/refused counters. Events carry ids and states only, never names, addresses or health answers.
/// Event ids 1000–1099 are the booking's.
/// </summary>
internal static partial class BookingLog
{
    public const string Exact = "exact";
    public const string Window = "window";

    /// <summary>Counts the outcome of a booking request and logs the booking it made, if any; returns it unchanged.</summary>
    public static BookingOutcome Observe(this BookingOutcome outcome, PinpointMetrics metrics, ILogger logger, string kind)
    {
        switch (outcome.Kind)
        {
            case BookingOutcomeKind.Created when outcome.Booking is { } booking:
                metrics.BookingCreated(kind);
                if (booking.Status == BookingStatus.Requested)
                {
                    logger.Requested(booking.Id, booking.WindowStart, booking.WindowEnd);
                }
                else
                {
                    logger.Created(booking.Id, booking.TherapistId, booking.Start);
                }

                break;
            case BookingOutcomeKind.Conflict:
                metrics.BookingRefused(kind, "conflict");
                break;
            case BookingOutcomeKind.Overlap:
                metrics.BookingRefused(kind, "client_overlap");
                break;
            case BookingOutcomeKind.Refused:
                metrics.BookingRefused(kind, "suspended");
                break;
            case BookingOutcomeKind.Invalid:
                metrics.BookingRefused(kind, RefusalReason(outcome.Errors));
                break;
        }

        return outcome;
    }

    private static string RefusalReason(Dictionary<string, string[]> errors) =>
        errors.ContainsKey("screening") ? "screening_stop"
        : IdempotencyKeys.IsReused(errors) ? "idempotency_mismatch"
        : "validation";

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Booking {BookingId} created, confirmed with therapist {TherapistId} at {Start}")]
    public static partial void Created(this ILogger logger, Guid bookingId, Guid? therapistId, NodaTime.Instant? start);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Booking {BookingId} requested for the window {WindowStart} to {WindowEnd}")]
    public static partial void Requested(this ILogger logger, Guid bookingId, NodaTime.Instant? windowStart, NodaTime.Instant? windowEnd);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Booking {BookingId} cancelled by the {Role}, fee {Fee}")]
    public static partial void Cancelled(this ILogger logger, Guid bookingId, string role, decimal fee);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Booking {BookingId} moved to {Start}")]
    public static partial void Moved(this ILogger logger, Guid bookingId, NodaTime.Instant? start);

    /// <summary>A visit that has started, closed by its therapist: <c>Completed</c> or <c>NoShow</c>.</summary>
    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Booking {BookingId} closed as {Status}")]
    public static partial void Closed(this ILogger logger, Guid bookingId, BookingStatus status);

    /// <summary>A change lost a race: another request changed the booking between reading and writing it.</summary>
    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Booking {BookingId} was changed meanwhile (now {Status}): the later change was refused")]
    public static partial void ChangedMeanwhile(this ILogger logger, Guid bookingId, BookingStatus status);
}
