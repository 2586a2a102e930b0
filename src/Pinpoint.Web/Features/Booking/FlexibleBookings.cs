using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Booking;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Core.Screening;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Catalogue;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Kernel.Events;
using Pinpoint.Web.Telemetry;

namespace Pinpoint.Web.Features.Booking;

/// <summary>
/// Flexible bookings: the client names a window for the visit to start in, for a discount, and the booking waits as
/// <see cref="BookingStatus.Requested"/> (no therapist, no time) until the operator's approved day plan confirms it.
/// Nothing is reserved meanwhile, so no write gate is needed: the plan's approval takes each therapist's lock.
/// </summary>
public sealed class FlexibleBookings(
    PinpointDb db, BookingService bookings, AvailabilityQueries queries, CatalogueQueries catalogue, IntakeService intake, Pinpoint.Core.Anatomy.Atlas atlas,
    IClock clock, PinpointMetrics metrics, ILogger<FlexibleBookings> logger)
{
    public const string DiscountCode = "window";

    public WindowPolicy Policy => bookings.Settings.Windows();

    public decimal DiscountPercent => bookings.Settings.WindowDiscountPercent;

    /// <summary>When the client will know the exact time, at the latest.</summary>
    public Instant ConfirmBy(Instant windowStart, DateTimeZone zone) => BookingWindows.ConfirmBy(windowStart, zone, Policy);

    /// <summary>
    /// The price of a window: the catalogue price with the surcharges the latest start in the window would carry (so the
    /// plan may pick any time in it), no travel surcharge (the plan picks who comes), less the window discount.
    /// </summary>
    public Quote Quote(Money price, ZonedDateTime windowEnd, Duration length) => WindowQuote(price, windowEnd, length, DiscountPercent);

    /// <param name="windowEnd">In the zone of the client's area: its surcharges (evenings, weekends) are local.</param>
    public static Quote WindowQuote(Money price, ZonedDateTime windowEnd, Duration length, decimal discountPercent) =>
        Pricing.WithDiscount(
            Pricing.Quote(price, windowEnd, length, 0, new SurchargePolicy()),
            DiscountCode, $"Any time in a 3-hour window (−{discountPercent:0.##}%)", discountPercent);

    public async Task<BookingOutcome> CreateAsync(string clientUserId, BookingRequest request, string? idempotencyKey, CancellationToken cancellationToken) =>
        (await CreateWindowAsync(clientUserId, request, idempotencyKey, cancellationToken)).Observe(metrics, logger, BookingLog.Window);

    private async Task<BookingOutcome> CreateWindowAsync(string clientUserId, BookingRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = BookingService.ValidateCommon(request, idempotencyKey, out var modality);
        var pain = BookingPain.Validate(request.Pain, atlas, errors);
        if (request.TherapistId is not null)
        {
            errors["therapistId"] = ["A window booking is matched to a therapist by the day's plan: leave therapistId out."];
        }

        if (request.Start is not null)
        {
            errors["start"] = ["Send either an exact start or a window (windowStart and windowEnd), not both."];
        }

        var now = clock.GetCurrentInstant();
        // The area of the address sets the calendar (the window's day and its local hours) and the price list.
        var area = errors.ContainsKey("latitude") || request.Latitude is null || request.Longitude is null
            ? null : Zones.Areas.Containing(new GeoPoint(request.Latitude.Value, request.Longitude.Value));
        if (area is null)
        {
            errors.TryAdd("latitude", [Zones.NotServed]);
        }
        else
        {
            foreach (var (field, messages) in BookingWindows.Check(request.WindowStart?.ToInstant(), request.WindowEnd?.ToInstant(), now, area.Zone, Policy))
            {
                errors[field] = messages;
            }
        }

        if (errors.Count > 0)
        {
            return BookingService.Invalid(errors);
        }

        var latest = await intake.LatestAsync(clientUserId, cancellationToken);
        if (latest?.Screening.Outcome == ScreeningOutcome.Stop)
        {
            return BookingService.Invalid(new() { ["screening"] = [$"Your health answers say to see a doctor first: {latest.Screening.Triggered[0].AdviceToClient} Update your intake when you are cleared."] });
        }

        var hash = BookingService.Hash(clientUserId, request);
        if (await bookings.EarlierAsync(clientUserId, idempotencyKey, hash, cancellationToken) is { } replay)
        {
            return replay;
        }

        // Nobody is offered to a suspended client; a therapist who blocked the client is never considered; the client's
        // own visits leave the times they overlap out.
        var (from, to) = (request.WindowStart!.Value.ToInstant(), request.WindowEnd!.Value.ToInstant());
        var client = new GeoPoint(request.Latitude!.Value, request.Longitude!.Value);
        var day = from.InZone(area!.Zone).Date;
        var limits = await queries.LimitsAsync(clientUserId, new DateInterval(day, day), null, cancellationToken);
        if (limits.Suspended)
        {
            return BookingService.Refused();
        }

        var length = Duration.FromMinutes(request.DurationMinutes!.Value);
        var price = await catalogue.PriceAsync(modality, request.DurationMinutes.Value, area.Currency, cancellationToken);
        if (price is null)
        {
            return BookingService.Invalid(new() { ["durationMinutes"] = [$"{request.DurationMinutes} minutes is not offered for this therapy."] });
        }

        // Taking a request nobody could serve would only disappoint the client at planning time.
        var calendars = await queries.CalendarsAsync(modality, new DateInterval(day, day), null, clientUserId, cancellationToken, client);
        bool Served(ClientLimits respecting) => bookings.Engine.Find(
                new AvailabilityRequest(client, modality, length, area.Zone, new DateInterval(day, day), clientUserId, ClientMatching.Required(latest), respecting),
                calendars, now)
            .Any(s => s.Start.ToInstant() >= from && s.Start.ToInstant() <= to);
        if (!Served(limits))
        {
            // Free but for the client's own visit: say so; else nobody can come.
            return limits.Booked.Count > 0 && Served(limits with { Booked = [] })
                ? BookingService.Overlap([])
                : BookingService.Invalid(new() { ["windowStart"] = ["No verified therapist who travels to you is free in that window: choose another window or day."] });
        }

        var quote = Quote(price.Value, to.InZone(area.Zone), length);
        var booking = new Booking
        {
            Id = Guid.CreateVersion7(now.ToDateTimeOffset()), ClientUserId = clientUserId, TherapistId = null, Modality = modality,
            DurationMinutes = request.DurationMinutes.Value, Start = null, End = null, OccupiedStart = null, OccupiedEnd = null, WindowStart = from, WindowEnd = to,
            ClientLatitude = client.Latitude, ClientLongitude = client.Longitude, Address = request.Address?.Trim() ?? "", AccessNotes = VisitAddress.CleanNotes(request.AccessNotes),
            PriceAmount = quote.Total.Amount, Currency = quote.Total.Currency, QuoteJson = BookingService.QuoteJson(quote),
            IntakeVersion = latest?.Version, ScreeningJson = latest is null ? null : IntakeJson.Write(latest.Screening),
            PreferencesJson = latest is null ? null : IntakeJson.Write(latest.Content.Preferences), PainJson = pain,
            Status = BookingStatus.Requested, IdempotencyKey = idempotencyKey, RequestHash = hash, CreatedAt = now,
        };
        db.Bookings.Add(booking);
        db.Raise(new BookingRequested(booking.Id, booking.Sequence), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // The same request sent twice at once: the unique key let one in, which is the answer to both.
            db.ChangeTracker.Clear();
            if (await bookings.EarlierAsync(clientUserId, idempotencyKey, hash, cancellationToken) is { } twin)
            {
                return twin;
            }

            throw;
        }

        // The client's own dates and prices follow them to the city of their latest booking.
        await ClientAreas.MoveAsync(db, clientUserId, area, cancellationToken);
        return new BookingOutcome(BookingOutcomeKind.Created, booking, [], null, []);
    }
}
