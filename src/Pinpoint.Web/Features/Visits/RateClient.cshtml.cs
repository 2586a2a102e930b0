using System.Globalization;
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
/// After a closed visit the therapist rates the client, privately (operators see it; the client and other therapists
/// never do), and may say they do not want to see the client again. One rating per visit: a second post of the same
/// form (a double tap, the back button) lands on the rating already made.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Therapist)]
public sealed class RateClientModel(ClientRatings ratings, PinpointDb db) : PageModel
{
    public Booking.Booking? Visit { get; private set; }

    public string ClientName { get; private set; } = "";

    public ZonedDateTime When { get; private set; }

    public ClientRatingView? Existing { get; private set; }

    /// <summary>Whether this therapist has blocked the client (after this visit or another).</summary>
    public bool Blocked { get; private set; }

    public bool Closed => Visit?.Status is BookingStatus.Completed or BookingStatus.NoShow;

    [BindProperty]
    public int? Rating { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public bool Block { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    [TempData]
    public string? Message { get; set; }

    public string? Problem { get; private set; }

    public string WhenText => When.ToString("dddd d MMMM, HH:mm", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await ratings.RateAsync(id, User, new ClientRatingRequest(Rating, Note, Block), cancellationToken);
        switch (result.Outcome)
        {
            case TrustOutcome.NotFound:
                return NotFound();
            case TrustOutcome.Done or TrustOutcome.Replayed:
                Message = result.Rating!.Blocked
                    ? "Thank you. Your rating is private to Pinpoint's team, and this client won't be offered your times again."
                    : "Thank you. Your rating is private to Pinpoint's team.";
                return RedirectToPage(new { id });
        }

        await LoadAsync(id, cancellationToken);
        if (result.Outcome == TrustOutcome.AlreadyRated)
        {
            Problem = "You have rated this visit already; your rating stays as it was.";
        }
        else
        {
            Errors = result.Errors!;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostBlockAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await ratings.BlockAsync(id, User, cancellationToken);
        if (outcome == TrustOutcome.NotFound)
        {
            return NotFound();
        }

        Message = outcome == TrustOutcome.Invalid
            ? null
            : "Done. This client won't be offered your times again and cannot book you. They are not told.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(User);
        var therapist = await db.Therapists.AsNoTracking().Where(t => t.UserId == userId).Select(t => new { t.Id, t.TimeZoneId }).SingleOrDefaultAsync(cancellationToken);
        var row = therapist is null ? null : await db.Bookings.AsNoTracking()
            .Where(b => b.Id == id && b.TherapistId == therapist.Id && b.Start != null)
            .Join(db.Users, b => b.ClientUserId, u => u.Id, (b, u) => new { Booking = b, u.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return false;
        }

        Visit = row.Booking;
        ClientName = row.DisplayName;
        When = row.Booking.Start!.Value.InZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(therapist!.TimeZoneId) ?? DateTimeZone.Utc);
        Existing = await ratings.RatingOfAsync(id, User, cancellationToken);
        Blocked = await ratings.BlockedAsync(therapist.Id, row.Booking.ClientUserId, cancellationToken);
        return true;
    }
}
