using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Core.Booking;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Core.Screening;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Catalogue;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Telemetry;

using Pinpoint.Web.Kernel.Events;

namespace Pinpoint.Web.Features.Booking;

/// <summary>A booking request as the client sends it.</summary>
/// <remarks>A flexible booking sends <c>windowStart</c>/<c>windowEnd</c> instead of <c>therapistId</c> and <c>start</c>.</remarks>
public sealed record BookingRequest(
    Guid? TherapistId, string? Modality, int? DurationMinutes, OffsetDateTime? Start, double? Latitude, double? Longitude, string? Address,
    OffsetDateTime? WindowStart = null, OffsetDateTime? WindowEnd = null, Referral.ReferralRequest? Pain = null, string? AccessNotes = null)
{
    public bool IsWindow => WindowStart is not null || WindowEnd is not null;
}

public enum BookingOutcomeKind
{
    Created = 1,
    Replayed = 2,
    Invalid = 3,

    /// <summary>The time is not free with this therapist (taken meanwhile, or not offered to this client): 409 with the next times.</summary>
    Conflict = 4,

    /// <summary>The client may not book now (suspended by the operator): told <see cref="Trust.ClientStanding.NotTakingBookings"/>, never why.</summary>
    Refused = 5,

    /// <summary>The time overlaps one of the client's own confirmed visits (with anyone): 409.</summary>
    Overlap = 6,
}

public sealed record BookingOutcome(BookingOutcomeKind Kind, Booking? Booking, Dictionary<string, string[]> Errors, string? Message, IReadOnlyList<Slot> Alternatives);

/// <summary>Configuration section <c>Booking</c>.</summary>
public sealed class BookingOptions
{
    public int GridMinutes { get; set; } = 15;

    public int SetUpMinutes { get; set; } = 10;

    public int PackDownMinutes { get; set; } = 10;

    public int MinimumNoticeMinutes { get; set; } = 120;

    public int HorizonDays { get; set; } = 60;

    /// <summary>How long another server's change to therapists' hours may take to show in searches here.</summary>
    public int CalendarCacheSeconds { get; set; } = 60;

    /// <summary>How long another server's new bookings may take to show in searches here (this server's show at once).</summary>
    public int VisitCacheSeconds { get; set; } = 10;

    /// <summary>Percent of the catalogue price taken off a booking that leaves the exact time to the day plan.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 50)]
    public decimal WindowDiscountPercent { get; set; } = 10m;

    /// <summary>Local hour (0–23) the day before at which a day's windows close and the day can be planned.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 23)]
    public int WindowsCloseAtHour { get; set; } = 18;

    public WindowPolicy Windows() => new() { ClosesAt = new LocalTime(WindowsCloseAtHour, 0), Horizon = Duration.FromDays(HorizonDays) };

    public AvailabilityOptions ToEngine() => new()
    {
        Grid = Duration.FromMinutes(GridMinutes), SetUp = Duration.FromMinutes(SetUpMinutes), PackDown = Duration.FromMinutes(PackDownMinutes),
        MinimumNotice = Duration.FromMinutes(MinimumNoticeMinutes), Horizon = Duration.FromDays(HorizonDays),
    };
}

/// <summary>
/// Creates bookings that never collide. Writes for one therapist are serialised (<see cref="BookingWriteGate"/>), the
/// slot is checked again inside the transaction with the availability engine against visits read in it, and on
/// PostgreSQL an exclusion constraint stands behind it all.
/// </summary>
public sealed class BookingService(
    PinpointDb db, AvailabilityQueries queries, ITravelTimeModel travel, IOptions<BookingOptions> options, CatalogueQueries catalogue,
    IntakeService intake, Pinpoint.Core.Anatomy.Atlas atlas, BookingWriteGate gate, CalendarCache profileCache, Trust.ClientStandings standings, IClock clock,
    PinpointMetrics metrics, ILogger<BookingService> logger)
{
    /// <summary>What a booking's Idempotency-Key fingerprint names as the operation, whichever page or endpoint sends it.</summary>
    internal const string Operation = "POST /api/bookings";

    /// <summary>The length of <see cref="Booking.IdempotencyKey"/>'s column.</summary>
    internal const int MaxKeyLength = 100;

    /// <summary>What a client is told when the time overlaps a visit they already have.</summary>
    public const string OverlapMessage = "You already have a visit at that time. Choose a time that does not overlap it.";

    /// <summary>The exclusion constraint that keeps one client's confirmed visits from overlapping (PostgreSQL).</summary>
    internal const string ClientOverlapConstraint = "EX_Bookings_ClientUserId_Occupied";

    public AvailabilityEngine Engine => new(travel, options.Value.ToEngine());

    public BookingOptions Settings => options.Value;

    public async Task<BookingOutcome> CreateAsync(string clientUserId, BookingRequest request, string? idempotencyKey, CancellationToken cancellationToken) =>
        (await CreateExactAsync(clientUserId, request, idempotencyKey, cancellationToken)).Observe(metrics, logger, BookingLog.Exact);

    private async Task<BookingOutcome> CreateExactAsync(string clientUserId, BookingRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var errors = Validate(request, idempotencyKey, out var modality);
        var pain = BookingPain.Validate(request.Pain, atlas, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var hash = Hash(clientUserId, request);
        var latest = await intake.LatestAsync(clientUserId, cancellationToken);
        if (latest?.Screening.Outcome == ScreeningOutcome.Stop)
        {
            return Invalid(new() { ["screening"] = [$"Your health answers say to see a doctor first: {latest.Screening.Triggered[0].AdviceToClient} Update your intake when you are cleared."] });
        }

        // A retry of a request that already booked gets that booking back (checked again under the lock if it races).
        if (await EarlierAsync(clientUserId, idempotencyKey, hash, cancellationToken) is { } replay)
        {
            return replay;
        }

        // A quick refusal; the lock below asks again.
        if (await standings.IsSuspendedAsync(clientUserId, cancellationToken))
        {
            return Refused();
        }

        // Everything that does not decide "is the time still free" is read before the write lock is taken.
        var start = request.Start!.Value.ToInstant();
        var length = Duration.FromMinutes(request.DurationMinutes!.Value);
        var client = new GeoPoint(request.Latitude!.Value, request.Longitude!.Value);
        // The area of the address sets the calendar of the day and the price list.
        if (Zones.Areas.Containing(client) is not { } area)
        {
            return Invalid(new() { ["latitude"] = [Zones.NotServed] });
        }

        var day = start.InZone(area.Zone).Date;
        var price = await catalogue.PriceAsync(modality, request.DurationMinutes!.Value, area.Currency, cancellationToken);
        if (price is null)
        {
            return Invalid(new() { ["durationMinutes"] = [$"{request.DurationMinutes} minutes is not offered for this therapy."] });
        }

        var profiles = await profileCache.OneAsync(db, request.TherapistId!.Value, cancellationToken);
        // Of the client's match only the screening's hard needs (prenatal training) apply: the client picked the therapist.
        var required = ClientMatching.Required(latest);
        if (profiles.Count == 0)
        {
            return Invalid(new() { ["therapistId"] = ["There is no verified therapist with this id."] });
        }

        if (profiles is [var picked] && !required.Admits(picked.Gender, picked.Interests))
        {
            return Invalid(new() { ["therapistId"] = ["Your health answers say you are pregnant: choose a therapist trained in pregnancy (prenatal) care."] });
        }

        // The booking is built ahead too; only the check and the insert wait for the therapist's lock.
        var profile = profiles[0];
        var quote = Pricing.Quote(price.Value, start.InZone(area.Zone), length, profile.Home.DistanceKmTo(client), new SurchargePolicy());
        var set = options.Value;
        var booking = new Booking
        {
            Id = Guid.CreateVersion7(clock.GetCurrentInstant().ToDateTimeOffset()), ClientUserId = clientUserId, TherapistId = profile.Id,
            Modality = modality, DurationMinutes = request.DurationMinutes.Value, Start = start, End = start + length,
            OccupiedStart = start - Duration.FromMinutes(set.SetUpMinutes), OccupiedEnd = start + length + Duration.FromMinutes(set.PackDownMinutes),
            ClientLatitude = client.Latitude, ClientLongitude = client.Longitude, Address = request.Address?.Trim() ?? "",
            AccessNotes = VisitAddress.CleanNotes(request.AccessNotes), PriceAmount = quote.Total.Amount, Currency = quote.Total.Currency, QuoteJson = QuoteJson(quote),
            IntakeVersion = latest?.Version, ScreeningJson = latest is null ? null : IntakeJson.Write(latest.Screening),
            PreferencesJson = latest is null ? null : IntakeJson.Write(latest.Content.Preferences), PainJson = pain,
            Status = BookingStatus.Confirmed, IdempotencyKey = idempotencyKey, RequestHash = hash, CreatedAt = clock.GetCurrentInstant(),
        };

        using var span = PinpointActivities.Source.StartActivity("booking.write")?.SetTag("pinpoint.therapist.id", profile.Id);
        IReadOnlyList<Slot> found = [];
        var clientOverlap = false;
        var written = await gate.RunAsync<BookingOutcome?>(db, profile.Id, async transaction =>
        {
            // Hours, time off and credentials as they are now, not as a cache last saw them: only the price and the
            // quick refusals above came from the cache. So are the client's blocks, suspension and own visits.
            var current = await CalendarCache.LoadAsync(db, profile.Id, clock, cancellationToken);
            var calendars = await queries.WithVisitsAsync(current, modality, new DateInterval(day, day), null, null, cancellationToken);
            var limits = await queries.LimitsAsync(clientUserId, new DateInterval(day, day), null, cancellationToken);
            if (limits.Suspended)
            {
                return Refused();
            }

            var slots = found = Engine.Find(
                new AvailabilityRequest(client, modality, length, area.Zone, new DateInterval(day, day), clientUserId, required, limits),
                calendars, clock.GetCurrentInstant());
            if (!slots.Any(s => s.Start.ToInstant() == start && s.Therapists.Any(t => t.TherapistId == profile.Id)))
            {
                // The same request sent twice at once: the twin that won holds the time. A therapist who has blocked
                // the client is answered like a taken time: the client is never told of the block.
                return await EarlierAsync(clientUserId, idempotencyKey, hash, cancellationToken)
                       ?? (limits.Overlaps(new Interval(booking.OccupiedStart!.Value, booking.OccupiedEnd!.Value)) ? Overlap(slots) : Conflict(slots));
            }

            db.Bookings.Add(booking);
            db.Raise(new BookingConfirmed(booking.Id, booking.Sequence), booking.CreatedAt);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                // The client's own dates and prices follow them to the city of their latest booking.
                await ClientAreas.MoveAsync(db, clientUserId, area, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (IsOverlap(exception, out var ofClient))
            {
                // Another server's booking for this therapist, or this client's booking with another therapist (under
                // that therapist's lock) committed first: answered below, once the key has been looked up.
                db.ChangeTracker.Clear();
                clientOverlap = ofClient;
                return null;
            }
            catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
            {
                // The key was taken meanwhile by a twin of this request (perhaps with another body, for another
                // therapist, so under another lock): answered below from what the twin stored.
                db.ChangeTracker.Clear();
                return null;
            }

            return new BookingOutcome(BookingOutcomeKind.Created, booking, [], null, []);
        }, cancellationToken);
        // Read once the transaction is over: on PostgreSQL the failed insert ended what the transaction could do.
        return written ?? await EarlierAsync(clientUserId, idempotencyKey, hash, cancellationToken) ?? (clientOverlap ? Overlap(found) : Conflict(found));
    }

    internal async Task<BookingOutcome?> EarlierAsync(string clientUserId, string? idempotencyKey, string hash, CancellationToken cancellationToken) =>
        idempotencyKey is not null &&
        await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.ClientUserId == clientUserId && b.IdempotencyKey == idempotencyKey, cancellationToken) is { } earlier
            ? IdempotencyKeys.Matches(earlier.RequestHash, hash)
                ? new BookingOutcome(BookingOutcomeKind.Replayed, earlier, [], null, [])
                : Invalid(IdempotencyKeys.Reused())
            : null;

    private static Dictionary<string, string[]> Validate(BookingRequest request, string? key, out Modality modality)
    {
        var errors = ValidateCommon(request, key, out modality);
        if (request.TherapistId is null)
        {
            errors["therapistId"] = ["Choose a therapist."];
        }

        if (request.Start is null)
        {
            errors["start"] = ["Choose a start time, e.g. 2026-12-07T09:30:00+11:00."];
        }

        return errors;
    }

    /// <summary>What every booking request needs, exact or flexible: therapy, length, address, key.</summary>
    internal static Dictionary<string, string[]> ValidateCommon(BookingRequest request, string? key, out Modality modality)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Modalities.TryParseSlug(request.Modality, out modality))
        {
            errors["modality"] = [$"Choose a therapy: {string.Join(", ", Modalities.All.Select(m => m.Slug()))}."];
        }

        if (request.DurationMinutes is null || !SessionLengthOk(request.DurationMinutes.Value))
        {
            errors["durationMinutes"] = ["A session is 60, 75, 90 or 120 minutes."];
        }

        if (request.Latitude is not (>= -90 and <= 90) || request.Longitude is not (>= -180 and <= 180))
        {
            errors["latitude"] = ["The address's coordinates are required (latitude -90 to 90, longitude -180 to 180)."];
        }

        if (request.Address is { Length: > 300 })
        {
            errors["address"] = ["The address can be at most 300 characters."];
        }

        if (request.AccessNotes is { Length: > VisitAddress.AccessNotesMaxLength })
        {
            errors["accessNotes"] = [$"Access notes can be at most {VisitAddress.AccessNotesMaxLength} characters."];
        }

        if (IdempotencyKeys.Problem(key, MaxKeyLength, required: false, "a retry cannot book twice") is { } keyProblem)
        {
            errors[IdempotencyKeys.Header] = keyProblem;
        }

        return errors;
    }

    internal static string QuoteJson(Quote quote) => JsonSerializer.Serialize(quote.Lines.Select(l => new { l.Code, l.Description, Amount = l.Signed }));

    private static bool SessionLengthOk(int minutes) => minutes is 60 or 75 or 90 or 120;

    /// <summary>The request's fingerprint for its Idempotency-Key: its times as instants, however their offsets were written.</summary>
    internal static string Hash(string clientUserId, BookingRequest request) =>
        IdempotencyKeys.Fingerprint(Operation, clientUserId, new
        {
            Request = request with { Start = null, WindowStart = null, WindowEnd = null },
            Start = request.Start?.ToInstant(), WindowStart = request.WindowStart?.ToInstant(), WindowEnd = request.WindowEnd?.ToInstant(),
        });

    // PostgreSQL: exclusion_violation (23P01) from a constraint, the therapist's or (ofClient) the client's; SQLite
    // cannot get here because writes are serialised.
    internal static bool IsOverlap(DbUpdateException exception, out bool ofClient)
    {
        var violation = exception.InnerException is Npgsql.PostgresException { SqlState: "23P01" } postgres ? postgres : null;
        ofClient = violation?.ConstraintName == ClientOverlapConstraint;
        return violation is not null;
    }

    internal static BookingOutcome Invalid(Dictionary<string, string[]> errors) => new(BookingOutcomeKind.Invalid, null, errors, null, []);

    private static BookingOutcome Conflict(IReadOnlyList<Slot> slots) => new(
        BookingOutcomeKind.Conflict, null, [], "That time is no longer free with this therapist.", [.. slots.Take(5)]);

    internal static BookingOutcome Overlap(IReadOnlyList<Slot> slots) => new(BookingOutcomeKind.Overlap, null, [], OverlapMessage, [.. slots.Take(5)]);

    internal static BookingOutcome Refused() => new(BookingOutcomeKind.Refused, null, [], Trust.ClientStanding.NotTakingBookings, []);
}

