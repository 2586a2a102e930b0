using Microsoft.EntityFrameworkCore;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Trust;

namespace Pinpoint.Web.Features.Booking;

/// <summary>A visit's client can be rated by its therapist once the visit is closed: completed, or the client was not there.</summary>
public sealed class RateableVisits(PinpointDb db) : IRateableVisits
{
    public Task<RateableVisit?> FindAsync(Guid bookingId, CancellationToken cancellationToken) =>
        db.Bookings.AsNoTracking().Where(b => b.Id == bookingId)
            .Select(b => new RateableVisit(b.Id, b.ClientUserId, b.TherapistId, b.Start,
                b.Status == BookingStatus.Completed ? true : b.Status == BookingStatus.NoShow ? false : (bool?)null))
            .SingleOrDefaultAsync(cancellationToken);
}
