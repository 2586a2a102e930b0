using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Features.Booking;

/// <summary>Step 4 and after: the client's bookings, upcoming and past, with cancellation and its fee shown first.</summary>
[Authorize]
public sealed class MyBookingsModel(PinpointDb db, BookingLifecycle lifecycle, Reviews.ReviewService reviews, Plans.TreatmentPlans plans, IClock clock) : PageModel
{
    public IReadOnlyList<(Booking Booking, string Therapist)> Upcoming { get; private set; } = [];

    public IReadOnlyList<(Booking Booking, string Therapist)> Past { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? Confirmed { get; set; }

    [TempData]
    public string? Message { get; set; }

    public Instant Now => clock.GetCurrentInstant();

    /// <summary>Completed sessions the client has rated already.</summary>
    public IReadOnlySet<Guid> Reviewed { get; private set; } = new HashSet<Guid>();

    public IReadOnlyList<Plans.PlanDto> Plans { get; private set; } = [];

    [BindProperty]
    public int? Rating { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = TherapistsApi.UserId(User);
        var rows = await db.Bookings.AsNoTracking().Where(b => b.ClientUserId == userId)
            .Join(db.Therapists.AsNoTracking(), b => b.TherapistId, t => t.Id, (b, t) => new { b, t.DisplayName }).ToListAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        Upcoming = [.. rows.Where(r => r.b.End > now && r.b.Status == BookingStatus.Confirmed).OrderBy(r => r.b.Start).Select(r => (r.b, r.DisplayName))];
        Past = [.. rows.Where(r => r.b.End <= now || r.b.Status != BookingStatus.Confirmed).OrderByDescending(r => r.b.Start).Select(r => (r.b, r.DisplayName))];
        Reviewed = await reviews.ReviewedAsync(userId, cancellationToken);
        Plans = [.. (await plans.MineAsync(User, cancellationToken)).Where(p => p.Status != "cancelled")];
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

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await lifecycle.CancelAsync(id, User, "Cancelled by the client.", cancellationToken);
        Message = result.Outcome == LifecycleOutcome.Done
            ? result.Fee is > 0 ? $"Cancelled. A late-cancellation fee of {result.Fee:0.00} {result.Booking!.Currency} applies." : "Cancelled, free of charge."
            : result.Message ?? "That booking could not be cancelled.";
        return RedirectToPage();
    }
}
