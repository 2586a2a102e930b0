namespace Pinpoint.Web.Features.Plans;

/// <summary>
/// Bookings a treatment plan takes back, as structured events (ids only). 1007 belongs to the booking range
/// (1000–1099): a withdrawn session is a booking cancelled.
/// </summary>
internal static partial class PlansLog
{
    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Booking {BookingId} cancelled: treatment plan {PlanId} could not be booked in full")]
    public static partial void Withdrawn(this ILogger logger, Guid bookingId, Guid planId);
}
