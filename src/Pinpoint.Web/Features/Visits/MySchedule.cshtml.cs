using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Intake;


namespace Pinpoint.Web.Features.Visits;

/// <summary>A booking as the therapist's schedule shows it: times in the therapist's zone, the client's name, cautions.</summary>
/// <param name="MarkedPain">Where it hurts as the client marked it before booking (region labels, most painful first).</param>
public sealed record ScheduledVisit(
    Booking.Booking Booking, string Client, ZonedDateTime Start, ZonedDateTime End, IReadOnlyList<string> Cautions, IReadOnlyList<string> MarkedPain, string? Mobile = null);

/// <summary>
/// The therapist's visits: upcoming ones by day (with cancelling), and the last 30 days, where a visit that has started
/// is closed as completed or a no-show. Every change goes through <see cref="BookingLifecycle"/>, as the API's do.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Therapist)]
public sealed class MyScheduleModel(PinpointDb db, BookingLifecycle lifecycle, Trust.ClientRatings ratings, Pinpoint.Core.Anatomy.Atlas atlas, IClock clock) : PageModel
{
    public const int PastDays = 30;
    public const int MaxReasonLength = 500;

    private const string NoSuchVisitText = "There is no such visit in your schedule.";

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public IReadOnlyList<(LocalDate Day, IReadOnlyList<ScheduledVisit> Visits)> Upcoming { get; private set; } = [];

    public IReadOnlyList<ScheduledVisit> Past { get; private set; } = [];

    public Instant Now { get; private set; }

    /// <summary>The past visits this therapist has rated the client of, with the rating.</summary>
    public IReadOnlyDictionary<Guid, int> Rated { get; private set; } = new Dictionary<Guid, int>();

    /// <summary>Clients this therapist has blocked (an upcoming visit with one is marked: blocking cancels nothing).</summary>
    public IReadOnlySet<string> Blocked { get; private set; } = new HashSet<string>();

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Problem { get; set; }

    /// <summary>The visit whose cancel form is shown again with <see cref="CancelError"/>.</summary>
    public Guid? CancelErrorFor { get; private set; }

    public string? CancelError { get; private set; }

    public string? CancelReason { get; private set; }

    public bool CanClose(Booking.Booking booking) =>
        booking.Status == BookingStatus.Confirmed && (booking.Start <= Now || booking.Stage >= Pinpoint.Core.Visits.VisitStage.Arrived);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var therapist = await FindTherapistAsync(cancellationToken);
        if (therapist is null)
        {
            return NotFound();
        }

        Zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(therapist.Value.TimeZoneId) ?? DateTimeZone.Utc;
        Now = clock.GetCurrentInstant();
        var since = Now - Duration.FromDays(PastDays);
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.TherapistId == therapist.Value.Id && b.Start >= since)
            .Join(db.Users, b => b.ClientUserId, u => u.Id, (b, u) => new { b, u.DisplayName, u.PhoneNumber })
            .ToListAsync(cancellationToken);
        var visits = rows.Select(r => new ScheduledVisit(r.b, r.DisplayName, r.b.Start!.Value.InZone(Zone), r.b.End!.Value.InZone(Zone), Cautions(r.b.ScreeningJson),
            MarkedPain(r.b.PainJson), r.PhoneNumber)).ToList();

        Upcoming = [.. visits
            .Where(v => v.Booking.Start >= Now && v.Booking.Status is BookingStatus.Confirmed or BookingStatus.Requested)
            .OrderBy(v => v.Booking.Start)
            .GroupBy(v => v.Start.Date)
            .Select(g => (g.Key, (IReadOnlyList<ScheduledVisit>)[.. g]))];
        Past = [.. visits.Where(v => v.Booking.Start < Now).OrderByDescending(v => v.Booking.Start)];
        Rated = await ratings.RatedAsync([.. Past.Where(v => v.Booking.Status is BookingStatus.Completed or BookingStatus.NoShow).Select(v => v.Booking.Id)], cancellationToken);
        Blocked = (await ratings.MyBlocksAsync(User, cancellationToken)).Select(b => b.ClientUserId).ToHashSet(StringComparer.Ordinal);
        return Page();
    }

    public Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken) => FinishAsync(id, completed: true, cancellationToken);

    public Task<IActionResult> OnPostNoShowAsync(Guid id, CancellationToken cancellationToken) => FinishAsync(id, completed: false, cancellationToken);

    public async Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (!await IsMineAsync(id, cancellationToken))
        {
            return NoSuchVisit();
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            var page = await OnGetAsync(cancellationToken);
            CancelErrorFor = id;
            CancelReason = reason;
            CancelError = string.IsNullOrEmpty(reason)
                ? "Give the client a reason for cancelling."
                : $"The reason can be at most {MaxReasonLength} characters.";
            return page;
        }

        var result = await lifecycle.CancelAsync(id, User, reason, cancellationToken);
        return Outcome(result, b => $"The visit on {When(b)} is cancelled. The client is told by email, with your reason.");
    }

    private async Task<IActionResult> FinishAsync(Guid id, bool completed, CancellationToken cancellationToken)
    {
        if (!await IsMineAsync(id, cancellationToken))
        {
            return NoSuchVisit();
        }

        var result = await lifecycle.FinishAsync(id, User, completed, null, cancellationToken);
        return Outcome(result, b => completed ? $"The visit on {When(b)} is marked completed." : $"The visit on {When(b)} is marked as a no-show.");
    }

    private IActionResult Outcome(LifecycleResult result, Func<Booking.Booking, string> done)
    {
        if (result.Outcome == LifecycleOutcome.Done)
        {
            Message = done(result.Booking!);
        }
        else
        {
            Problem = result.Outcome is LifecycleOutcome.NotFound or LifecycleOutcome.Forbidden
                ? NoSuchVisitText
                : result.Message ?? "That change is not possible now.";
        }

        return RedirectToPage();
    }

    private RedirectToPageResult NoSuchVisit()
    {
        Problem = NoSuchVisitText;
        return RedirectToPage();
    }

    // The lifecycle also lets admins act on any booking; this page is only about the signed-in therapist's own.
    private async Task<bool> IsMineAsync(Guid id, CancellationToken cancellationToken)
    {
        var therapist = await FindTherapistAsync(cancellationToken);
        if (therapist is null)
        {
            return false;
        }

        Zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(therapist.Value.TimeZoneId) ?? DateTimeZone.Utc;
        return await db.Bookings.AnyAsync(b => b.Id == id && b.TherapistId == therapist.Value.Id, cancellationToken);
    }

    private async Task<(Guid Id, string TimeZoneId)?> FindTherapistAsync(CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(User);
        var found = await db.Therapists.AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => new { t.Id, t.TimeZoneId }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Id, found.TimeZoneId);
    }

    private string When(Booking.Booking booking) =>
        booking.EarliestStart.InZone(Zone).ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture);

    // The screening result the client had when they booked: its rule titles are the cautions for this visit.
    private IReadOnlyList<string> MarkedPain(string? painJson) =>
        BookingPain.Read(painJson, atlas) is { } pain ? [.. pain.Regions.OrderByDescending(r => r.Intensity).Select(r => atlas.LabelOf(r.RegionId))] : [];

    private static IReadOnlyList<string> Cautions(string? screeningJson) =>
        screeningJson is null ? [] : [.. IntakeJson.ReadScreening(screeningJson).Triggered.Select(r => r.Title)];
}
