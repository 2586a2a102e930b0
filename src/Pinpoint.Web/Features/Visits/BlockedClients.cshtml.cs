using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Trust;

namespace Pinpoint.Web.Features.Visits;

/// <summary>
/// The clients the therapist has blocked: since when, whether a visit with them is still booked (blocking cancels
/// nothing; the schedule does), and "Allow again", which lets the client find and book the therapist at once.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Therapist)]
public sealed class BlockedClientsModel(ClientRatings ratings, PinpointDb db, IClock clock) : PageModel
{
    public IReadOnlyList<BlockView> Blocks { get; private set; } = [];

    /// <summary>Upcoming confirmed visits with each blocked client.</summary>
    public IReadOnlyDictionary<string, int> Upcoming { get; private set; } = new Dictionary<string, int>();

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(User);
        var therapist = await db.Therapists.AsNoTracking().Where(t => t.UserId == userId).Select(t => new { t.Id, t.TimeZoneId }).SingleOrDefaultAsync(cancellationToken);
        if (therapist is null)
        {
            return NotFound();
        }

        Zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(therapist.TimeZoneId) ?? DateTimeZone.Utc;
        Blocks = await ratings.MyBlocksAsync(User, cancellationToken);
        var clients = Blocks.Select(b => b.ClientUserId).ToList();
        var now = clock.GetCurrentInstant();
        Upcoming = (await db.Bookings.AsNoTracking()
                .Where(b => b.TherapistId == therapist.Id && clients.Contains(b.ClientUserId) && b.Status == BookingStatus.Confirmed && b.Start >= now)
                .Select(b => b.ClientUserId).ToListAsync(cancellationToken))
            .GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return Page();
    }

    public async Task<IActionResult> OnPostLiftAsync(long blockId, string? name, CancellationToken cancellationToken)
    {
        await ratings.UnblockAsync(blockId, User, cancellationToken);
        Message = $"{(string.IsNullOrWhiteSpace(name) ? "The client" : name)} can find and book you again.";
        return RedirectToPage();
    }
}
