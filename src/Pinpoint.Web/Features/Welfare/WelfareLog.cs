using Pinpoint.Core.Visits;

namespace Pinpoint.Web.Features.Welfare;

/// <summary>Welfare's events for operators: ids and concerns only, never names, numbers or addresses. Event ids 1510–1529 (the visit day's range).</summary>
internal static partial class WelfareLog
{
    [LoggerMessage(EventId = 1510, Level = LogLevel.Warning, Message = "Welfare alert {AlertId} raised on visit {BookingId}: {Concern}, {Recipients} recipient(s) emailed")]
    public static partial void Raised(this ILogger logger, long alertId, Guid bookingId, WelfareConcern concern, int recipients);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Debug, Message = "Welfare alert on visit {BookingId} ({Concern}) was raised by another request or node first")]
    public static partial void RaisedElsewhere(this ILogger logger, Guid bookingId, WelfareConcern concern);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Error, Message = "Welfare alert {AlertId} could not be emailed: no Welfare:OnCallEmail and no operator account with an email address")]
    public static partial void NobodyToEmail(this ILogger logger, long alertId);

    [LoggerMessage(EventId = 1513, Level = LogLevel.Information, Message = "Welfare alert {AlertId} acknowledged")]
    public static partial void Acknowledged(this ILogger logger, long alertId);

    [LoggerMessage(EventId = 1514, Level = LogLevel.Information, Message = "Welfare alert {AlertId} closed")]
    public static partial void Closed(this ILogger logger, long alertId);

    [LoggerMessage(EventId = 1515, Level = LogLevel.Error, Message = "The welfare scan failed; it runs again at the next tick")]
    public static partial void ScanFailed(this ILogger logger, Exception exception);
}
