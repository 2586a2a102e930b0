namespace Pinpoint.Web.Features.Trust;

/// <summary>Trust's events for operators: ids only, never names, notes or reasons. Event ids 1500–1599.</summary>
internal static partial class TrustLog
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Client of booking {BookingId} rated by therapist {TherapistId}")]
    public static partial void Rated(this ILogger logger, Guid bookingId, Guid therapistId);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Therapist {TherapistId} blocked the client of booking {BookingId}")]
    public static partial void Blocked(this ILogger logger, Guid therapistId, Guid bookingId);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Therapist {TherapistId} lifted block {BlockId}")]
    public static partial void Unblocked(this ILogger logger, Guid therapistId, long blockId);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "Client {ClientUserId} suspended ({SuspensionId})")]
    public static partial void Suspended(this ILogger logger, long suspensionId, string clientUserId);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Information, Message = "Client {ClientUserId} reinstated")]
    public static partial void Reinstated(this ILogger logger, string clientUserId);
}
