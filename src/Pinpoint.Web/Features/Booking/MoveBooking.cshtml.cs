using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Booking;

/// <summary>Moving a booking: the same therapist's free times on a chosen day, with the fee the move would cost now.</summary>
[Authorize]
public sealed class MoveBookingModel(PinpointDb db, AvailabilityQueries queries, BookingService bookings, BookingLifecycle lifecycle, IClock clock) : PageModel
{
    public Booking? Booking { get; private set; }

    public LocalDate Date { get; private set; }

    public IReadOnlyList<Slot> Slots { get; private set; } = [];

    public decimal FeePercent { get; private set; }

    /// <summary>What moving it now costs, in money: shown before any time is chosen, and agreed to by choosing one.</summary>
    public Money Fee { get; private set; } = new(0m, "AUD");

    public string FeeText => Fee.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " " + Fee.Currency;

    public string? Problem { get; private set; }

    /// <summary>The zone of the visit's area: its times are offered and shown in it.</summary>
    public DateTimeZone Zone => Zones.At(Booking!.ClientLatitude, Booking.ClientLongitude);

    public async Task<IActionResult> OnGetAsync(Guid id, string? date, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var parsed = SupportedTimes.ParseDate(date ?? "");
        Date = parsed.Success ? parsed.Value : Booking!.Start!.Value.InZone(Zone).Date;
        var calendars = await queries.CalendarsAsync(Booking!.Modality, new DateInterval(Date, Date), Booking.TherapistId, Booking.ClientUserId, cancellationToken,
            new GeoPoint(Booking.ClientLatitude, Booking.ClientLongitude), exceptBooking: Booking.Id);
        // A therapist who has since blocked the client shows no times (as if fully booked); a suspended client is told neutrally.
        var limits = await queries.LimitsAsync(Booking.ClientUserId, new DateInterval(Date, Date), Booking.Id, cancellationToken);
        if (limits.Suspended)
        {
            Problem = Trust.ClientStanding.NotTakingBookings;
        }

        Slots = bookings.Engine.Find(new AvailabilityRequest(new GeoPoint(Booking.ClientLatitude, Booking.ClientLongitude), Booking.Modality,
            Duration.FromMinutes(Booking.DurationMinutes), Zone, new DateInterval(Date, Date), Limits: limits), calendars, clock.GetCurrentInstant())
            .Where(s => s.Start.ToInstant() != Booking.Start).ToList(); // the time it has now is no move
        return Page();
    }

    /// <param name="acceptedFee">The fee the page showed with the time; a post without it agrees to none.</param>
    public async Task<IActionResult> OnPostAsync(Guid id, string start, decimal? acceptedFee, CancellationToken cancellationToken)
    {
        var parsed = SupportedTimes.ParseMoment(start ?? "");
        if (!parsed.Success)
        {
            return BadRequest();
        }

        var result = await lifecycle.RescheduleAsync(id, User, parsed.Value.ToInstant(), cancellationToken, acceptedFee ?? 0m);
        if (result.Outcome != LifecycleOutcome.Done)
        {
            // Someone else's booking, or one cancelled meanwhile, has no page to show the problem on.
            if (await OnGetAsync(id, parsed.Value.Date.ToString("yyyy-MM-dd", null), cancellationToken) is not PageResult)
            {
                return NotFound();
            }

            Problem = result.Message ?? "That booking cannot be moved.";
            return Page();
        }

        TempData["Message"] = result.Fee is > 0 ? $"Moved. A late-change fee of {result.Fee:0.00} {result.Booking!.Currency} applies." : "Moved, free of charge.";
        return Redirect("/bookings");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(User);
        Booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.ClientUserId == userId && b.Status == BookingStatus.Confirmed && b.Start != null, cancellationToken);
        FeePercent = Booking is null ? 0 : BookingLifecycle.Policy.FeePercent(Booking.Start!.Value, clock.GetCurrentInstant());
        Fee = Booking is null ? Fee : BookingLifecycle.ClientFee(Booking, clock.GetCurrentInstant());
        return Booking is not null;
    }
}
