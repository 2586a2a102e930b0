using Microsoft.EntityFrameworkCore;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Reviews;

namespace Pinpoint.Web.Features.Booking;

/// <summary>A booking can be rated by its client once it is completed.</summary>
public sealed class ReviewableVisits(PinpointDb db) : IReviewableVisits
{
    public Task<ReviewableVisit?> FindAsync(Guid bookingId, CancellationToken cancellationToken) =>
        db.Bookings.AsNoTracking().Where(b => b.Id == bookingId)
            .Select(b => new ReviewableVisit(b.ClientUserId, b.TherapistId, b.Status == BookingStatus.Completed && b.TherapistId != null))
            .SingleOrDefaultAsync(cancellationToken);
}
