using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;
using Pinpoint.Web.Hosting;
using Pinpoint.Web.Telemetry;

namespace Pinpoint.Web.Features.Booking;

public sealed record SlotDto(string Start, string TimeZone, IReadOnlyList<SlotTherapistDto> Therapists)
{
    public static SlotDto From(Slot slot) => new(
        OffsetDateTimePattern.Rfc3339.Format(slot.Start.ToOffsetDateTime()), slot.Start.Zone.Id,
        [.. slot.Therapists.Select(t => new SlotTherapistDto(t.TherapistId, (int)t.TravelFromPrevious.TotalMinutes))]);
}

public sealed record SlotTherapistDto(Guid TherapistId, int TravelMinutes);

/// <summary>A booking. A window request not yet planned has no therapist, start or end, but its window.</summary>
public sealed record BookingDto(
    Guid Id, Guid? TherapistId, string Modality, string? Start, string? End, string Status, decimal Price, string Currency, int? IntakeVersion,
    string? WindowStart = null, string? WindowEnd = null, string? TimeZone = null)
{
    // A visit's times are in the zone of the area of its address: a Perth visit reads +08:00 all year.
    public static BookingDto From(Booking b)
    {
        var zone = Zones.At(b.ClientLatitude, b.ClientLongitude);
        return new(
            b.Id, b.TherapistId, b.Modality.Slug(), Format(b.Start, zone), Format(b.End, zone), b.Status.ToString().ToLowerInvariant(),
            b.PriceAmount, b.Currency, b.IntakeVersion, Format(b.WindowStart, zone), Format(b.WindowEnd, zone), zone.Id);
    }

    private static string? Format(Instant? instant, DateTimeZone zone) =>
        instant is { } i ? OffsetDateTimePattern.Rfc3339.Format(i.InZone(zone).ToOffsetDateTime()) : null;
}

/// <summary>Availability and booking. Bookings need a signed-in client and an Idempotency-Key header.</summary>
public static class BookingApi
{
    public static RouteGroupBuilder MapBookingApi(this RouteGroupBuilder api)
    {
        api.MapGet("/availability", Availability).WithTags("Booking").WithName("FindAvailability").RequireRateLimiting(AbuseLimits.PublicApi)
            .WithSummary("Bookable start times for a home visit (client zone named), each with the therapists who can take it, best fit first.");
        var bookings = api.MapGroup("/bookings").WithTags("Booking").RequireAuthorization();
        bookings.MapPost("/", Create).WithName("CreateBooking")
            .WithSummary("Books a visit at an exact time with a therapist, or (windowStart/windowEnd instead of start and therapistId) requests one in a 3-hour window at a discount. Send an Idempotency-Key header: a retry with the same key returns the same booking.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        bookings.MapGet("/", Mine).WithName("ListMyBookings");
        return api;
    }

    public static async Task<Results<Ok<SlotDto[]>, ProblemHttpResult>> Availability(
        double? latitude, double? longitude, string? modality, int? durationMinutes, string? date, int? days, Guid? therapistId, string? gender,
        ClaimsPrincipal user, BookingService bookings, AvailabilityQueries queries, ClientMatching matching, IClock clock, PinpointMetrics metrics,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (latitude is not (>= -90 and <= 90) || longitude is not (>= -180 and <= 180))
        {
            errors["latitude"] = ["latitude and longitude of the client's home are required."];
        }

        // The client's area decides their calendar (zone) and who can come; outside every area no one can.
        var area = latitude is { } lat && longitude is { } lon && lat is >= -90 and <= 90 && lon is >= -180 and <= 180
            ? Zones.Areas.Containing(new GeoPoint(lat, lon)) : null;
        if (area is null && !errors.ContainsKey("latitude"))
        {
            errors["latitude"] = [Zones.NotServed];
        }

        if (!Modalities.TryParseSlug(modality, out var parsed))
        {
            errors["modality"] = [$"Choose a therapy: {string.Join(", ", Modalities.All.Select(m => m.Slug()))}."];
        }

        var length = durationMinutes ?? 60;
        if (length is not (60 or 75 or 90 or 120))
        {
            errors["durationMinutes"] = ["A session is 60, 75, 90 or 120 minutes."];
        }

        var today = clock.GetCurrentInstant().InZone(area?.Zone ?? DateTimeZone.Utc).Date;
        var from = today;
        if (date is not null)
        {
            var result = SupportedTimes.ParseDate(date);
            if (result.Success)
            {
                from = result.Value;
            }
            else
            {
                errors["date"] = ["A date such as 2026-12-07 is required."];
            }
        }

        if (days is < 1 or > 14)
        {
            errors["days"] = ["Search 1 to 14 days at a time."];
        }

        if (!ClientMatching.IsGenderPreference(gender))
        {
            errors["gender"] = ["A therapist gender preference is any, female or male."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        using var timing = metrics.TimeAvailability("api");
        var dates = new DateInterval(from, from.PlusDays((days ?? 1) - 1));
        // A signed-in client is matched by their intake (interests, preferred gender, screening needs) and history.
        var clientUserId = user.Identity?.IsAuthenticated == true ? CurrentUser.Id(user) : null;
        var match = await matching.ForAsync(clientUserId, null, gender, cancellationToken);
        var calendars = await queries.CalendarsAsync(parsed, dates, therapistId, clientUserId, cancellationToken, new GeoPoint(latitude!.Value, longitude!.Value));
        // The client's blocks, suspension and own visits: a therapist who blocked them, and times they are busy, are not offered.
        var limits = await queries.LimitsAsync(clientUserId, dates, null, cancellationToken);
        var slots = bookings.Engine.Find(
            new AvailabilityRequest(new GeoPoint(latitude!.Value, longitude!.Value), parsed, Duration.FromMinutes(length), area!.Zone, dates, clientUserId, match, limits),
            calendars, clock.GetCurrentInstant());
        return TypedResults.Ok(slots.Select(SlotDto.From).ToArray());
    }

    public static async Task<IResult> Create(
        BookingRequest request, HttpRequest http, ClaimsPrincipal user, BookingService bookings, FlexibleBookings flexible, CancellationToken cancellationToken)
    {
        var key = http.Headers[IdempotencyKeys.Header].FirstOrDefault();
        if (IdempotencyKeys.Problem(key, BookingService.MaxKeyLength, required: true, "a retry cannot book twice") is { } keyProblem)
        {
            return ApiProblems.Invalid(new() { [IdempotencyKeys.Header] = keyProblem });
        }

        var outcome = request.IsWindow
            ? await flexible.CreateAsync(CurrentUser.Id(user), request, key, cancellationToken)
            : await bookings.CreateAsync(CurrentUser.Id(user), request, key, cancellationToken);
        return outcome.Kind switch
        {
            BookingOutcomeKind.Created => TypedResults.Created($"/api/bookings/{outcome.Booking!.Id}", BookingDto.From(outcome.Booking)),
            BookingOutcomeKind.Replayed => TypedResults.Ok(BookingDto.From(outcome.Booking!)),
            BookingOutcomeKind.Invalid => ApiProblems.Invalid(outcome.Errors),
            BookingOutcomeKind.Refused => NotTakingBookings(),
            BookingOutcomeKind.Overlap => TypedResults.Problem(title: "You already have a visit at that time", detail: outcome.Message,
                statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["nextSlots"] = outcome.Alternatives.Select(SlotDto.From).ToArray() }),
            _ => TypedResults.Problem(title: "That time is taken", detail: outcome.Message, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["nextSlots"] = outcome.Alternatives.Select(SlotDto.From).ToArray() }),
        };
    }

    /// <summary>A suspended client's answer: the same neutral words wherever they try to book, and no reason.</summary>
    public static ProblemHttpResult NotTakingBookings() =>
        TypedResults.Problem(title: "We can't take new bookings", detail: Trust.ClientStanding.NotTakingBookings, statusCode: StatusCodes.Status403Forbidden);

    public static async Task<Ok<BookingDto[]>> Mine(ClaimsPrincipal user, PinpointDb db, CancellationToken cancellationToken)
    {
        var id = CurrentUser.Id(user);
        var list = await db.Bookings.AsNoTracking().Where(b => b.ClientUserId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.OrderBy(b => b.EarliestStart).Select(BookingDto.From).ToArray());
    }
}
