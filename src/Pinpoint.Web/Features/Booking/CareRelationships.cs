using Microsoft.EntityFrameworkCore;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Intake;

namespace Pinpoint.Web.Features.Booking;

/// <summary>A therapist is on a client's care team while they have a booking together that was not cancelled.</summary>
public sealed class CareRelationships(PinpointDb db) : ICareRelationships
{
    public Task<bool> HaveBookingAsync(Guid therapistId, string clientUserId, CancellationToken cancellationToken) =>
        db.Bookings.AnyAsync(b => b.TherapistId == therapistId && b.ClientUserId == clientUserId && b.Status != BookingStatus.Cancelled, cancellationToken);
}
