using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.VisitDay;

/// <summary>Configuration section <c>VisitDay</c>.</summary>
public sealed class VisitDayOptions
{
    public const string Section = "VisitDay";

    /// <summary>How often an open live stream asks the database whether the visit changed (any node may have changed it).</summary>
    [Range(0.1, 60)]
    public double StreamPollSeconds { get; set; } = 2;

    /// <summary>How long one live stream stays open; the browser then reconnects by itself (keeps proxies and nodes turning over).</summary>
    [Range(0.1, 60)]
    public double StreamMinutes { get; set; } = 10;
}

/// <summary>
/// A position as the phone sends it. The numbers may come as JSON numbers or as the strings "NaN" and "Infinity", which
/// are read so that they can be refused by name (422) rather than as an unreadable body.
/// </summary>
public sealed record PositionInput(
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString)] double? Latitude,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString)] double? Longitude,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString)] double? Accuracy = null);

/// <param name="EtaAt">The new arrival time, e.g. 2026-12-07T10:40:00+11:00.</param>
public sealed record EtaInput(OffsetDateTime? EtaAt);

public sealed record VisitTherapistDto(string Name, string PhotoUrl, string PhotoAlt);

public sealed record VisitMilestoneDto(string Stage, string Label, string At, string Time);

/// <summary>The therapist's latest position: only for the visit's client, only while the therapist is on the way.</summary>
public sealed record VisitPositionDto(double Latitude, double Longitude, double? Accuracy, string At, string Time, double DistanceKm);

/// <summary>A visit's live state. <c>stage</c> is booked, on-the-way, arrived, checked-out, completed, no-show or cancelled.</summary>
public sealed record VisitDto(
    Guid BookingId, string Status, string Stage, string StageLabel, string Headline, string Start, string End, string? EtaAt, string? EtaTime,
    VisitTherapistDto Therapist, VisitMilestoneDto[] Milestones, VisitPositionDto? Position, string Version, bool Over)
{
    public static VisitDto From(VisitLive live)
    {
        ArgumentNullException.ThrowIfNull(live);
        // The visit's times in the zone of its address, where the client and the therapist both are that day.
        var zone = live.Zone;
        string Time(Instant instant) => VisitDto.Time(instant, zone);
        string Iso(Instant instant) => OffsetDateTimePattern.Rfc3339.Format(instant.InZone(zone).ToOffsetDateTime());
        return new VisitDto(live.BookingId, live.Status.ToString().ToLowerInvariant(), live.Key, Label(live), live.Headline(Time), Iso(live.Start), Iso(live.End),
            live.EtaAt is { } eta ? Iso(eta) : null, live.EtaAt is { } t ? Time(t) : null,
            new VisitTherapistDto(live.TherapistName, live.TherapistPhotoUrl, live.TherapistPhotoAlt),
            [.. live.Milestones.Select(m => new VisitMilestoneDto(m.Key, m.Label, Iso(m.At), Time(m.At)))],
            live.Position is { } p ? new VisitPositionDto(p.Latitude, p.Longitude, p.AccuracyMetres, Iso(p.At), Time(p.At), p.DistanceKm) : null,
            live.Version.ToString(CultureInfo.InvariantCulture), live.IsOver);
    }

    /// <summary>The stage in words: the live stage, or the booking's own ending.</summary>
    public static string Label(VisitLive live)
    {
        ArgumentNullException.ThrowIfNull(live);
        return live.Key switch
        {
            "completed" => "Completed",
            "no-show" => "No-show",
            "cancelled" => "Cancelled",
            _ => VisitLive.StageLabel(live.Stage),
        };
    }

    /// <summary>A time as the client reads it: "10:40 am" in the zone of the visit's area.</summary>
    public static string Time(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToString("h:mm tt", CultureInfo.InvariantCulture).ToLowerInvariant();
}

/// <summary>
/// The visit day's API, under the booking's lifecycle: the therapist's three taps, the running-late arrival time and
/// the position during the drive (only that visit's therapist), and the live state for its client and therapist, as
/// JSON and as a server-sent event stream.
/// </summary>
public static class VisitDayApi
{
    public static RouteGroupBuilder MapVisitDayApi(this RouteGroupBuilder api)
    {
        var visit = api.MapGroup("/bookings/{id:guid}/visit").WithTags("Visit day").RequireAuthorization().RequireRateLimiting(AbuseLimits.PublicApi);
        visit.MapPost("/set-off", (Guid id, PositionInput? input, ClaimsPrincipal user, VisitTracker tracker, CancellationToken ct) => Step(id, VisitStep.SetOff, input, user, tracker, ct))
            .WithName("VisitSetOff").WithSummary("The therapist is on the way: the arrival time comes from the travel model (from the phone's position when sent), and the client is emailed a link to the live page.");
        visit.MapPost("/arrive", (Guid id, PositionInput? input, ClaimsPrincipal user, VisitTracker tracker, CancellationToken ct) => Step(id, VisitStep.Arrive, input, user, tracker, ct))
            .WithName("VisitArrive").WithSummary("The therapist has arrived (checked in); their position during the drive is erased.");
        visit.MapPost("/check-out", (Guid id, PositionInput? input, ClaimsPrincipal user, VisitTracker tracker, CancellationToken ct) => Step(id, VisitStep.CheckOut, input, user, tracker, ct))
            .WithName("VisitCheckOut").WithSummary("The session is finished (checked out). Closing the visit as completed stays POST /api/bookings/{id}/complete.");
        visit.MapPost("/eta", RunningLate).WithName("VisitRunningLate")
            .WithSummary("Running late: a new arrival time (later than now, before the booked end); the client is emailed once per new time.");
        visit.MapPost("/position", Position).WithName("VisitPosition")
            .WithSummary("The phone's latest position while on the way (only the latest is kept, only the client sees it, erased on arrival); 409 at any other stage.");
        visit.MapGet("", Live).WithName("VisitLive").WithSummary("The visit's live state, for its client (with the therapist's position during the drive) and its therapist.");
        visit.MapGet("/stream", VisitStream.RunAsync).WithName("VisitStream").ExcludeFromDescription();
        return api;
    }

    public static async Task<IResult> Step(Guid id, VisitStep step, PositionInput? input, ClaimsPrincipal user, VisitTracker tracker, CancellationToken cancellationToken)
    {
        var problems = PhonePosition.Problems(input?.Latitude, input?.Longitude, input?.Accuracy);
        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        var position = input is { Latitude: { } lat, Longitude: { } lon } ? new PhonePosition(lat, lon, input.Accuracy) : null;
        return ToResult(await tracker.StepAsync(id, user, step, position, cancellationToken));
    }

    public static async Task<IResult> RunningLate(Guid id, EtaInput? input, ClaimsPrincipal user, VisitTracker tracker, CancellationToken cancellationToken) =>
        input?.EtaAt is not { } eta
            ? ApiProblems.Invalid(new() { ["etaAt"] = ["The new arrival time is required, e.g. 2026-12-07T10:40:00+11:00."] })
            : ToResult(await tracker.RunningLateAsync(id, user, eta.ToInstant(), cancellationToken));

    public static async Task<IResult> Position(Guid id, PositionInput? input, ClaimsPrincipal user, VisitTracker tracker, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string>(PhonePosition.Problems(input?.Latitude, input?.Longitude, input?.Accuracy), StringComparer.Ordinal);
        if (input?.Latitude is null && input?.Longitude is null)
        {
            problems["latitude"] = "A position needs a latitude and a longitude.";
        }

        return problems.Count > 0
            ? Invalid(problems)
            : ToResult(await tracker.PositionAsync(id, user, new PhonePosition(input!.Latitude!.Value, input.Longitude!.Value, input.Accuracy), cancellationToken));
    }

    public static async Task<Results<Ok<VisitDto>, ProblemHttpResult>> Live(Guid id, ClaimsPrincipal user, VisitTracker tracker, CancellationToken cancellationToken) =>
        await tracker.ViewAsync(id, user, cancellationToken) is { } live ? TypedResults.Ok(VisitDto.From(live)) : NotFound();

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("Unknown visit", "There is no such visit among yours.");

    private static ProblemHttpResult Invalid(IReadOnlyDictionary<string, string> problems) =>
        ApiProblems.Invalid(problems.ToDictionary(p => p.Key, p => new[] { p.Value }, StringComparer.Ordinal));

    /// <summary>200 with the visit for a change and for a repeated tap alike; 409 with the visit as it is when not possible now.</summary>
    private static IResult ToResult(VisitWriteResult result) => result.Outcome switch
    {
        VisitWriteOutcome.Done => TypedResults.Ok(VisitDto.From(result.State!)),
        VisitWriteOutcome.NotFound => NotFound(),
        VisitWriteOutcome.Invalid => Invalid(result.Errors!),
        _ => TypedResults.Problem(title: "Not possible now", detail: result.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["visit"] = VisitDto.From(result.State!) }),
    };
}
