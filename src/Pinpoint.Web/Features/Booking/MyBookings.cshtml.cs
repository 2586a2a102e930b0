using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Booking;

/// <summary>Step 4 and after: the client's bookings, upcoming and past, with cancellation and its fee shown first.</summary>
[Authorize]
public sealed class MyBookingsModel(
    PinpointDb db, BookingLifecycle lifecycle, Reviews.ReviewService reviews, FlexibleBookings flexible, Intake.IntakeService intake,
    Pinpoint.Core.Anatomy.Atlas atlas, IClock clock) : PageModel
{
    public IReadOnlyList<(Booking Booking, string Therapist)> Upcoming { get; private set; } = [];

    public IReadOnlyList<(Booking Booking, string Therapist)> Past { get; private set; } = [];

    /// <summary>Window requests waiting for the day plan, with when the client hears the exact time at the latest.</summary>
    public IReadOnlyList<(Booking Booking, Instant ConfirmBy)> Requested { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? RequestedId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Confirmed { get; set; }

    [TempData]
    public string? Message { get; set; }

    public Instant Now => clock.GetCurrentInstant();

    /// <summary>Completed sessions the client has rated already.</summary>
    public IReadOnlySet<Guid> Reviewed { get; private set; } = new HashSet<Guid>();

    /// <summary>After booking without an intake: the intake's first step, with the map the client marked for this booking.</summary>
    public string? IntakeInvitation { get; private set; }

    [BindProperty]
    public int? Rating { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(User);
        var mine = await db.Bookings.AsNoTracking().Where(b => b.ClientUserId == userId).ToListAsync(cancellationToken);
        var ids = mine.Select(b => b.TherapistId).OfType<Guid>().Distinct().ToList();
        var names = await db.Therapists.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.DisplayName, cancellationToken);
        var rows = mine.Select(b => new { b, DisplayName = b.TherapistId is { } id ? names.GetValueOrDefault(id, "your therapist") : "a therapist to be planned" }).ToList();
        var now = clock.GetCurrentInstant();
        Requested = [.. mine.Where(b => b.Status == BookingStatus.Requested).OrderBy(b => b.EarliestStart).Select(b => (b, flexible.ConfirmBy(b.WindowStart!.Value, Zones.At(b.ClientLatitude, b.ClientLongitude))))];
        Upcoming = [.. rows.Where(r => r.b.End > now && r.b.Status == BookingStatus.Confirmed).OrderBy(r => r.b.Start).Select(r => (r.b, r.DisplayName))];
        Past = [.. rows.Where(r => r.b.Status != BookingStatus.Requested && (r.b.End <= now || r.b.Status != BookingStatus.Confirmed))
            .OrderByDescending(r => r.b.EarliestStart).Select(r => (r.b, r.DisplayName))];
        Reviewed = await reviews.ReviewedAsync(userId, cancellationToken);
        if (Confirmed is { } confirmed && await intake.LatestAsync(userId, cancellationToken) is null)
        {
            var pain = BookingPain.Read(mine.FirstOrDefault(b => b.Id == confirmed)?.PainJson, atlas);
            IntakeInvitation = pain is null ? "/intake/1" : $"/intake/1?{new Referral.PainSelection(pain.Regions, [], null, null).ToQueryString()}";
        }
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken cancellationToken)
    {
        var (outcome, errors) = await reviews.AddAsync(id, User, new Reviews.ReviewRequest(Rating, Comment), cancellationToken);
        Message = outcome switch
        {
            Reviews.ReviewOutcome.Created => "Thank you: your rating helps other clients choose.",
            Reviews.ReviewOutcome.Invalid => string.Join(" ", errors!.Values.SelectMany(v => v)),
            Reviews.ReviewOutcome.AlreadyReviewed => "You have rated this session already.",
            _ => "That session could not be rated.",
        };
        return RedirectToPage();
    }

    /// <param name="acceptedFee">The fee the page showed; a request that omits it (a window request) agrees to none.</param>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, decimal? acceptedFee, CancellationToken cancellationToken)
    {
        var result = await lifecycle.CancelAsync(id, User, "Cancelled by the client.", cancellationToken, acceptedFee ?? 0m);
        Message = result.Outcome == LifecycleOutcome.Done
            ? result.Fee is > 0 ? $"Cancelled. A late-cancellation fee of {result.Fee:0.00} {result.Booking!.Currency} applies." : "Cancelled, free of charge."
            : result.Message ?? "That booking could not be cancelled.";
        return RedirectToPage();
    }
}
