using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Pinpoint.Web.Features.VisitDay;

/// <summary>
/// The client's live view of a visit: the therapist's name and picture, the stage, the arrival time, and during the
/// drive how far away they are. Served complete (it works without script); <c>visit-live.js</c> then keeps it current
/// from the server-sent event stream, or by asking every few seconds where the stream does not get through.
/// </summary>
[Authorize]
public sealed class LiveVisitModel(VisitTracker tracker) : PageModel
{
    public VisitLive Visit { get; private set; } = null!;

    public VisitDto Dto { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        var visit = await tracker.ViewAsync(bookingId, User, cancellationToken);
        if (visit is null)
        {
            return NotFound();
        }

        Visit = visit;
        Dto = VisitDto.From(visit);
        return Page();
    }

    public static string Day(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToString("dddd d MMMM", CultureInfo.InvariantCulture);

    /// <summary>"done", "current" or "todo" for a step of the progress list.</summary>
    public string StepState(string key)
    {
        var order = new[] { "on-the-way", "arrived", "checked-out" };
        var reached = Dto.Milestones.Select(m => m.Stage).ToHashSet(StringComparer.Ordinal);
        var current = Array.IndexOf(order, Dto.Stage);
        return reached.Contains(key) ? (key == Dto.Stage ? "current" : "done") : Array.IndexOf(order, key) < current ? "done" : "todo";
    }
}
