using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.VisitDay;
using Pinpoint.Web.Features.Welfare;

namespace Pinpoint.Web.Features.Visits;

/// <summary>
/// One visit on the therapist's phone: "I'm on the way", "I've arrived", "Session finished" as one large button each
/// (plain forms: they work without script; <c>visit-taps.js</c> adds the phone's position when the therapist agreed to
/// share it), the running-late form, then closing the visit. Taps go through <see cref="VisitTracker"/> as the API's do.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Therapist)]
public sealed class VisitPageModel(PinpointDb db, VisitTracker tracker, BookingLifecycle lifecycle, WelfareAlerts welfare, IClock clock) : PageModel
{
    public const string NoSuchVisitText = "There is no such visit in your schedule.";

    public Booking.Booking Booking { get; private set; } = null!;

    public VisitLive Visit { get; private set; } = null!;

    public string Client { get; private set; } = "";

    public string? Mobile { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    /// <summary>When the therapist asked for help on this visit, if they did.</summary>
    public Instant? HelpAskedAt { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Problem { get; set; }

    /// <summary>The running-late form's error and the time typed, shown again.</summary>
    public string? EtaError { get; private set; }

    public string? EtaTyped { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bookingId, CancellationToken cancellationToken) =>
        await LoadAsync(bookingId, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostSetOffAsync(Guid bookingId, string? latitude, string? longitude, string? accuracy, CancellationToken cancellationToken) =>
        TapAsync(bookingId, VisitStep.SetOff, latitude, longitude, accuracy, cancellationToken);

    public Task<IActionResult> OnPostArriveAsync(Guid bookingId, string? latitude, string? longitude, string? accuracy, CancellationToken cancellationToken) =>
        TapAsync(bookingId, VisitStep.Arrive, latitude, longitude, accuracy, cancellationToken);

    public Task<IActionResult> OnPostCheckOutAsync(Guid bookingId, string? latitude, string? longitude, string? accuracy, CancellationToken cancellationToken) =>
        TapAsync(bookingId, VisitStep.CheckOut, latitude, longitude, accuracy, cancellationToken);

    /// <param name="eta">The new arrival time on the visit's day, as a 24-hour local time ("10:40").</param>
    public async Task<IActionResult> OnPostLateAsync(Guid bookingId, string? eta, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(bookingId, cancellationToken))
        {
            return NotFound();
        }

        var parsed = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(eta?.Trim() ?? "");
        if (!parsed.Success)
        {
            (EtaError, EtaTyped) = ("Give the new arrival time as hours and minutes, e.g. 10:40.", eta);
            return Page();
        }

        var day = Booking.Start!.Value.InZone(Zone).Date;
        var result = await tracker.RunningLateAsync(bookingId, User, (day + parsed.Value).InZoneLeniently(Zone).ToInstant(), cancellationToken);
        if (result.Outcome == VisitWriteOutcome.Invalid)
        {
            await LoadAsync(bookingId, cancellationToken);
            (EtaError, EtaTyped) = (result.Message, eta);
            return Page();
        }

        return Answer(result, live => result.Changed
            ? $"{Client} is told by email that you now expect to arrive at {Time(live.EtaAt!.Value)}."
            : $"{Client} already has {Time(live.EtaAt!.Value)} as your arrival time.");
    }

    /// <summary>"I need help": the operator on call is alerted at once; pressing again changes nothing.</summary>
    public async Task<IActionResult> OnPostHelpAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(bookingId, cancellationToken))
        {
            return NotFound();
        }

        var result = await welfare.HelpAsync(bookingId, User, cancellationToken);
        if (result.Outcome == WelfareOutcome.NotFound)
        {
            return NotFound();
        }

        Problem = result.Changed
            ? "Help is on its way: the operator on call has been told and will phone you now. If you are in danger, call 000."
            : "You asked for help already: the operator on call has been told and will phone you. If you are in danger, call 000.";
        return RedirectToPage(new { bookingId });
    }

    public Task<IActionResult> OnPostCompleteAsync(Guid bookingId, CancellationToken cancellationToken) => CloseAsync(bookingId, completed: true, cancellationToken);

    public Task<IActionResult> OnPostNoShowAsync(Guid bookingId, CancellationToken cancellationToken) => CloseAsync(bookingId, completed: false, cancellationToken);

    public string Time(Instant instant) => instant.InZone(Zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    private async Task<IActionResult> TapAsync(
        Guid bookingId, VisitStep step, string? latitude, string? longitude, string? accuracy, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(bookingId, cancellationToken))
        {
            return NotFound();
        }

        var (lat, lon, acc) = (Number(latitude), Number(longitude), Number(accuracy));
        PhonePosition? position = null;
        if (lat is not null || lon is not null)
        {
            if (PhonePosition.Problems(lat, lon, acc).Count > 0)
            {
                Problem = "Your phone's position could not be read, so nothing was changed. Try again, or turn sharing off.";
                return RedirectToPage(new { bookingId });
            }

            position = new PhonePosition(lat!.Value, lon!.Value, acc);
        }

        var result = await tracker.StepAsync(bookingId, User, step, position, cancellationToken);
        return Answer(result, live => (step, result.Changed) switch
        {
            (VisitStep.SetOff, true) => $"You're on the way. {Client} is told you'll arrive around {Time(live.EtaAt!.Value)}.",
            (VisitStep.SetOff, false) => "You were already on the way.",
            (VisitStep.Arrive, true) => $"Checked in at {Time(clock.GetCurrentInstant())}. Where you drove from is no longer shared.",
            (VisitStep.Arrive, false) => "You had checked in already.",
            (VisitStep.CheckOut, true) => "Session finished. Close the visit below when you are done.",
            _ => "You had checked out already.",
        });
    }

    private async Task<IActionResult> CloseAsync(Guid bookingId, bool completed, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(bookingId, cancellationToken))
        {
            return NotFound();
        }

        var result = await lifecycle.FinishAsync(bookingId, User, completed, null, cancellationToken);
        if (result.Outcome == LifecycleOutcome.Done)
        {
            Message = completed ? "The visit is completed. Write up the session note while it is fresh." : "The visit is closed as a no-show.";
        }
        else
        {
            Problem = result.Message ?? "That is not possible now.";
        }

        return RedirectToPage(new { bookingId });
    }

    private IActionResult Answer(VisitWriteResult result, Func<VisitLive, string> done)
    {
        switch (result.Outcome)
        {
            case VisitWriteOutcome.Done:
                Message = done(result.State!);
                break;
            case VisitWriteOutcome.NotFound:
                return NotFound();
            default:
                Problem = result.Message ?? "That is not possible now.";
                break;
        }

        return RedirectToPage(new { bookingId = Booking.Id });
    }

    // Only the signed-in therapist's own visits: anyone else's is "no such visit".
    private async Task<bool> LoadAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(User);
        var row = await db.Bookings.AsNoTracking()
            .Join(db.Therapists.Where(t => t.UserId == userId), b => b.TherapistId, t => t.Id, (b, t) => new { b, t.TimeZoneId })
            .Join(db.Users, x => x.b.ClientUserId, u => u.Id, (x, u) => new { x.b, x.TimeZoneId, u.DisplayName, u.PhoneNumber })
            .SingleOrDefaultAsync(x => x.b.Id == bookingId, cancellationToken);
        if (row is null || await tracker.ViewAsync(bookingId, User, cancellationToken) is not { } visit)
        {
            return false;
        }

        (Booking, Visit, Client, Mobile) = (row.b, visit, row.DisplayName, row.PhoneNumber);
        Zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(row.TimeZoneId) ?? DateTimeZone.Utc;
        HelpAskedAt = (await welfare.FindAsync(bookingId, WelfareConcern.Help, cancellationToken))?.RaisedAt;
        return true;
    }

    private static double? Number(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
}
