using NodaTime;
using Pinpoint.Core.Visits;

namespace Pinpoint.Web.Features.VisitDay;

/// <summary>
/// What the visit day tells operators: one event per stage reached and per new arrival time, with ids and stages only
/// (never positions, names or addresses). Event ids 1500–1599 are the visit day's.
/// </summary>
internal static partial class VisitDayLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Visit {BookingId} reached {Stage}")]
    public static partial void StageReached(this ILogger logger, Guid bookingId, VisitStage stage);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Visit {BookingId}: the therapist is running late, now expected at {EtaAt}")]
    public static partial void RunningLate(this ILogger logger, Guid bookingId, Instant etaAt);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Debug, Message = "Visit {BookingId}: live stream opened")]
    public static partial void StreamOpened(this ILogger logger, Guid bookingId);
}
