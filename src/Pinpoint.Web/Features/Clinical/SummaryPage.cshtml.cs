using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pinpoint.Core.Clinical;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Clinical;

/// <summary>The client's summary of a session: what was found and treated, in plain words, once the therapist's note is done.</summary>
[Authorize]
public sealed class SummaryPageModel(SessionNotes notes, PinpointDb db) : PageModel
{
    public SessionSummary? Summary { get; private set; }

    public Booking.Booking? Visit { get; private set; }

    public string Therapist { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        var (outcome, summary) = await notes.SummaryAsync(bookingId, User, cancellationToken);
        Visit = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (Visit is null || outcome == NoteOutcome.Forbidden)
        {
            return NotFound();
        }

        Summary = summary;
        Therapist = await db.Therapists.Where(t => t.Id == Visit.TherapistId).Select(t => t.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "Your therapist";
        return Page();
    }
}
