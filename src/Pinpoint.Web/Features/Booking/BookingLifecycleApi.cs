using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Booking;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Catalogue;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Booking;

public sealed record QuoteDto(IReadOnlyList<QuoteLineDto> Lines, decimal Total, string Currency, string CancellationPolicy);

public sealed record QuoteLineDto(string Code, string Description, decimal Amount);

/// <param name="AcceptedFee">The fee the client was shown; when the fee is now higher, the booking is left as it is (409 with the fee).</param>
public sealed record CancelInput(string? Reason, decimal? AcceptedFee = null);

/// <param name="AcceptedFee">As for <see cref="CancelInput"/>.</param>
public sealed record RescheduleInput(OffsetDateTime? Start, decimal? AcceptedFee = null);

public sealed record LifecycleDto(BookingDto Booking, decimal? Fee, SlotDto[] Alternatives);

/// <summary>Quotes, and what happens to a booking after it is made.</summary>
public static class BookingLifecycleApi
{
    public static RouteGroupBuilder MapBookingLifecycleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/bookings/quote", Quote).WithTags("Booking").WithName("QuoteBooking").RequireRateLimiting(AbuseLimits.PublicApi)
            .WithSummary("The price of a visit: catalogue price, after-hours, weekend and travel surcharges, and the cancellation policy; with windowStart and windowEnd instead of start and therapistId, the discounted price of a 3-hour window.");
        var bookings = api.MapGroup("/bookings").WithTags("Booking").RequireAuthorization();
        bookings.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelBooking");
        bookings.MapPost("/{id:guid}/reschedule", Reschedule).WithName("RescheduleBooking").ProducesProblem(StatusCodes.Status409Conflict);
        bookings.MapPost("/{id:guid}/complete", (Guid id, ClaimsPrincipal user, BookingLifecycle life, CancellationToken ct) => Finish(id, true, user, life, ct))
            .WithName("CompleteBooking");
        bookings.MapPost("/{id:guid}/no-show", (Guid id, ClaimsPrincipal user, BookingLifecycle life, CancellationToken ct) => Finish(id, false, user, life, ct))
            .WithName("MarkBookingNoShow");
        api.MapGet("/therapists/me/bookings", Schedule).WithTags("Therapist self-service").RequireAuthorization(AuthorizationPolicies.Therapist)
            .WithName("MySchedule");
        return api;
    }

    public static async Task<Results<Ok<QuoteDto>, ProblemHttpResult>> Quote(
        Guid? therapistId, string? modality, int? durationMinutes, string? start, double? latitude, double? longitude, string? windowStart, string? windowEnd,
        PinpointDb db, CatalogueQueries catalogue, FlexibleBookings flexible, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Modalities.TryParseSlug(modality, out var parsed))
        {
            errors["modality"] = ["Choose a therapy."];
        }

        var window = windowStart is not null || windowEnd is not null;
        var when = Parse(window ? windowEnd : start);
        if (when is null)
        {
            errors[window ? "windowEnd" : "start"] = [$"A {(window ? "window end" : "start time")} such as 2026-12-07T09:30:00+11:00 is required."];
        }

        ServiceArea? area = null;
        if (latitude is not (>= -90 and <= 90) || longitude is not (>= -180 and <= 180))
        {
            errors["latitude"] = ["The address's coordinates are required."];
        }
        else if ((area = Zones.Areas.Containing(new GeoPoint(latitude.Value, longitude.Value))) is null)
        {
            // Outside every area there is no price list and no one to come.
            errors["latitude"] = [Zones.NotServed];
        }

        if (window)
        {
            return await QuoteWindowAsync(parsed, durationMinutes ?? 60, Parse(windowStart), when, area, errors, catalogue, flexible, cancellationToken);
        }

        var therapist = therapistId is null ? null : await db.Therapists.AsNoTracking().SingleOrDefaultAsync(t => t.Id == therapistId, cancellationToken);
        if (therapist is null)
        {
            errors["therapistId"] = ["Choose a therapist."];
        }

        var price = errors.Count > 0 ? null
            : (await catalogue.FindAsync(parsed.Slug(), area!.Currency, cancellationToken))?.Prices.FirstOrDefault(p => p.DurationMinutes == (durationMinutes ?? 60));
        if (errors.Count == 0 && price is null)
        {
            errors["durationMinutes"] = ["A session is 60, 75, 90 or 120 minutes."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var km = new GeoPoint(therapist!.HomeLatitude, therapist.HomeLongitude).DistanceKmTo(new GeoPoint(latitude!.Value, longitude!.Value));
        var quote = Pricing.Quote(price!.Price, when!.Value.ToInstant().InZone(area!.Zone), Duration.FromMinutes(durationMinutes ?? 60), km, new SurchargePolicy());
        return TypedResults.Ok(new QuoteDto([.. quote.Lines.Select(l => new QuoteLineDto(l.Code, l.Description, l.Amount.Amount))],
            quote.Total.Amount, quote.Total.Currency, BookingLifecycle.Policy.Describe()));
    }

    // A window's price: no therapist yet, so no travel; surcharges as at the window's latest start; less the discount.
    private static async Task<Results<Ok<QuoteDto>, ProblemHttpResult>> QuoteWindowAsync(
        Modality modality, int minutes, OffsetDateTime? from, OffsetDateTime? to, ServiceArea? area, Dictionary<string, string[]> errors, CatalogueQueries catalogue,
        FlexibleBookings flexible, CancellationToken cancellationToken)
    {
        if (from is null)
        {
            errors["windowStart"] = ["A window start such as 2026-12-07T08:00:00+11:00 is required."];
        }
        else if (to is { } end && end.ToInstant() - from.Value.ToInstant() != flexible.Policy.Length)
        {
            errors["windowEnd"] = ["A window is exactly 3 hours: windowEnd is windowStart plus 3 hours."];
        }

        var price = errors.Count > 0 ? null : await catalogue.PriceAsync(modality, minutes, area!.Currency, cancellationToken);
        if (errors.Count == 0 && price is null)
        {
            errors["durationMinutes"] = ["A session is 60, 75, 90 or 120 minutes."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var quote = flexible.Quote(price!.Value, to!.Value.ToInstant().InZone(area!.Zone), Duration.FromMinutes(minutes));
        return TypedResults.Ok(new QuoteDto([.. quote.Lines.Select(l => new QuoteLineDto(l.Code, l.Description, l.Signed))],
            quote.Total.Amount, quote.Total.Currency, "A window request is free to cancel until it is confirmed; then: " + BookingLifecycle.Policy.Describe()));
    }

    private static OffsetDateTime? Parse(string? text) =>
        text is not null && SupportedTimes.ParseExtendedMoment(text) is { Success: true } parsed ? parsed.Value : null;

    public static async Task<IResult> Cancel(Guid id, CancelInput? input, ClaimsPrincipal user, BookingLifecycle life, CancellationToken cancellationToken) =>
        ToResult(await life.CancelAsync(id, user, input?.Reason, cancellationToken, input?.AcceptedFee));

    public static async Task<IResult> Reschedule(Guid id, RescheduleInput input, ClaimsPrincipal user, BookingLifecycle life, CancellationToken cancellationToken) =>
        input.Start is null
            ? ApiProblems.Invalid(new() { ["start"] = ["The new start time is required."] })
            : ToResult(await life.RescheduleAsync(id, user, input.Start.Value.ToInstant(), cancellationToken, input.AcceptedFee));

    public static async Task<IResult> Finish(Guid id, bool completed, ClaimsPrincipal user, BookingLifecycle life, CancellationToken cancellationToken) =>
        ToResult(await life.FinishAsync(id, user, completed, null, cancellationToken));

    public static async Task<Ok<BookingDto[]>> Schedule(ClaimsPrincipal user, PinpointDb db, CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(user);
        var list = await db.Bookings.AsNoTracking()
            .Join(db.Therapists.Where(t => t.UserId == userId), b => b.TherapistId, t => t.Id, (b, _) => b).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.OrderBy(b => b.Start).Select(BookingDto.From).ToArray());
    }

    private static IResult ToResult(LifecycleResult result) => result.Outcome switch
    {
        LifecycleOutcome.Done => TypedResults.Ok(new LifecycleDto(BookingDto.From(result.Booking!), result.Fee, [.. (result.Alternatives ?? []).Select(SlotDto.From)])),
        LifecycleOutcome.NotFound => ApiProblems.NotFound("Unknown booking", "There is no such booking."),
        LifecycleOutcome.Forbidden => TypedResults.Problem(title: "Not your booking", statusCode: StatusCodes.Status403Forbidden,
            detail: "Only the client, the therapist or an admin can change a booking."),
        LifecycleOutcome.Conflict => TypedResults.Problem(title: result.Message == BookingService.OverlapMessage ? "You already have a visit at that time" : "That time is taken", detail: result.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["nextSlots"] = (result.Alternatives ?? []).Select(SlotDto.From).ToArray() }),
        LifecycleOutcome.Refused => BookingApi.NotTakingBookings(),
        LifecycleOutcome.FeeChanged => TypedResults.Problem(title: "The fee has changed", detail: result.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["fee"] = result.Fee }),
        LifecycleOutcome.Changed => TypedResults.Problem(title: "The booking has changed", detail: result.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: Current(result)),
        _ => TypedResults.Problem(title: "Not possible now", detail: result.Message, statusCode: StatusCodes.Status409Conflict, extensions: Current(result)),
    };

    // A 409 carries the booking as it is now, so the caller can decide again without another read.
    private static Dictionary<string, object?> Current(LifecycleResult result) =>
        new() { ["booking"] = result.Booking is { } booking ? BookingDto.From(booking) : null };
}
