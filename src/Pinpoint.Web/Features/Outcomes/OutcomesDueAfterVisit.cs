using Microsoft.EntityFrameworkCore;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Kernel.Events;

namespace Pinpoint.Web.Features.Outcomes;

/// <summary>After a completed session, asks the client to answer the questionnaires now due (every few sessions and
/// at the end of a plan), by email with a link.</summary>
public sealed class OutcomesDueAfterVisit(PinpointDb db, OutcomeService outcomes, Notifier notifier) : IDomainEventHandler<VisitCompleted>
{
    public async Task HandleAsync(VisitCompleted domainEvent, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == domainEvent.BookingId, cancellationToken);
        if (booking is null)
        {
            return;
        }

        var due = await outcomes.DueAsync(domainEvent.ClientUserId, cancellationToken);
        await notifier.EnqueueOutcomesDueAsync(booking, [.. due.Select(d => d.Name)], cancellationToken);
    }
}
