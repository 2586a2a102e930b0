using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Intake;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Intake;

namespace Pinpoint.Web.Features.Plans;

public enum PlanStatus
{
    Active = 1,
    Completed = 2,
    Cancelled = 3,
}

/// <summary>A course of sessions with one therapist: goals, how many sessions at what cadence, and a re-assessment at the end.</summary>
public sealed class TreatmentPlan
{
    public Guid Id { get; init; }

    public required string ClientUserId { get; init; }

    public required Guid TherapistId { get; init; }

    public Modality Modality { get; init; }

    public int DurationMinutes { get; init; }

    public int Sessions { get; init; }

    public int CadenceDays { get; init; }

    /// <summary>Goal ids from the intake's list, as JSON.</summary>
    public string GoalsJson { get; init; } = "[]";

    public string? GoalNote { get; init; }

    public PlanStatus Status { get; set; } = PlanStatus.Active;

    public string? IdempotencyKey { get; init; }

    /// <summary>The fingerprint of the request that made the plan (<see cref="IdempotencyKeys.Fingerprint"/>); null for plans from before it was kept.</summary>
    public string? RequestHash { get; init; }

    public Instant CreatedAt { get; init; }

    public string? Reassessment { get; set; }

    public Instant? ReassessedAt { get; set; }

    public string? ReassessedBy { get; set; }
}

/// <summary>What the client asks for: the first session, how many, how often. Starts may replace the wanted times (alternatives chosen).</summary>
public sealed record PlanRequest(
    Guid? TherapistId, string? Modality, int? DurationMinutes, OffsetDateTime? FirstStart, int? Sessions, int? CadenceDays,
    double? Latitude, double? Longitude, string? Address, IReadOnlyList<string>? Goals, string? GoalNote, IReadOnlyList<OffsetDateTime>? Starts);

public sealed record SeriesItemDto(int Number, string Wanted, bool Free, IReadOnlyList<string> Alternatives);

public sealed record PlanSessionDto(int Number, Guid BookingId, string Start, string Status);

public sealed record PlanDto(
    Guid Id, Guid TherapistId, string Therapist, string Modality, int DurationMinutes, int Sessions, int CadenceDays, IReadOnlyList<string> Goals, string? GoalNote,
    string Status, int Completed, IReadOnlyList<PlanSessionDto> Booked, string? NextSession, bool ReassessmentDue, string? Reassessment);

public enum PlanOutcome
{
    Done = 1,
    Replayed = 2,
    Invalid = 3,
    Conflict = 4,
    NotFound = 5,
    Forbidden = 6,

    /// <summary>Another request with the same key is booking the plan right now.</summary>
    InProgress = 7,

    /// <summary>The client may not book now (suspended): told only the neutral words.</summary>
    Refused = 8,
}

public sealed record PlanResult(
    PlanOutcome Outcome, PlanDto? Plan = null, IReadOnlyList<SeriesItemDto>? Series = null, Dictionary<string, string[]>? Errors = null, string? Message = null);

/// <summary>
/// Treatment plans: a series previewed date by date with the same availability rules as one booking (nearby
/// alternatives offered for dates that do not fit), then booked session by session through <see cref="BookingService"/>
/// — if any session can no longer be booked, those already made are cancelled again and the client sees why.
/// Progress is visible to the client and the therapist; after the last session the therapist records a re-assessment.
/// A plan's times are its visits' times: counted and shown in the zone of the area its address is in.
/// </summary>
public sealed class TreatmentPlans(
    PinpointDb db, BookingService bookings, AvailabilityQueries queries, IntakeService intake, IClock clock, ILogger<TreatmentPlans> logger)
{
    public const int MaxSessions = 12;

    /// <summary>What a plan's Idempotency-Key fingerprint names as the operation (the API and the page alike).</summary>
    internal const string Operation = "POST /api/plans";

    /// <summary>The length of <see cref="TreatmentPlan.IdempotencyKey"/>'s column.</summary>
    internal const int MaxKeyLength = 80;

    public async Task<PlanResult> PreviewAsync(string clientUserId, PlanRequest request, CancellationToken cancellationToken)
    {
        var errors = Validate(request, out var modality);
        if (errors.Count > 0)
        {
            return new(PlanOutcome.Invalid, Errors: errors);
        }

        return new(PlanOutcome.Done, Series: await SeriesAsync(clientUserId, request, modality, cancellationToken));
    }

    public async Task<PlanResult> CreateAsync(string clientUserId, PlanRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var errors = Validate(request, out var modality);
        if (IdempotencyKeys.Problem(idempotencyKey, MaxKeyLength, required: true, "a retry cannot book the course twice") is { } keyProblem)
        {
            errors[IdempotencyKeys.Header] = keyProblem;
        }

        if (request.Starts is { } starts && starts.Count != request.Sessions)
        {
            errors["starts"] = [$"Give one start per session ({request.Sessions}), or none to take the wanted times."];
        }

        if (errors.Count > 0)
        {
            return new(PlanOutcome.Invalid, Errors: errors);
        }

        var hash = Hash(clientUserId, request);
        if (await EarlierAsync(clientUserId, idempotencyKey!, hash, cancellationToken) is { } replay)
        {
            return replay;
        }

        // A quick refusal before the plan is written; each session's booking asks again under its lock.
        if ((await queries.LimitsAsync(clientUserId, new DateInterval(request.FirstStart!.Value.Date, request.FirstStart.Value.Date), null, cancellationToken)).Suspended)
        {
            return new(PlanOutcome.Refused, Message: Trust.ClientStanding.NotTakingBookings);
        }

        var zone = Zones.At(request.Latitude!.Value, request.Longitude!.Value);
        var times = request.Starts?.Select(s => s.ToInstant()).ToList()
                    ?? [.. SeriesPlanner.Wanted(request.FirstStart!.Value.InZone(zone), Period.FromDays(request.CadenceDays!.Value), request.Sessions!.Value).Select(w => w.ToInstant())];
        var latest = await intake.LatestAsync(clientUserId, cancellationToken);
        var plan = new TreatmentPlan
        {
            Id = Guid.CreateVersion7(clock.GetCurrentInstant().ToDateTimeOffset()), ClientUserId = clientUserId, TherapistId = request.TherapistId!.Value,
            Modality = modality, DurationMinutes = request.DurationMinutes!.Value, Sessions = request.Sessions!.Value, CadenceDays = request.CadenceDays!.Value,
            GoalsJson = JsonSerializer.Serialize(request.Goals ?? latest?.Content.Goals ?? []), GoalNote = request.GoalNote?.Trim(),
            IdempotencyKey = idempotencyKey, RequestHash = hash, CreatedAt = clock.GetCurrentInstant(),
        };
        db.Add(plan);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            // A twin of this request (the same key, sent again before this one answered) holds the key.
            db.ChangeTracker.Clear();
            if (await EarlierAsync(clientUserId, idempotencyKey!, hash, cancellationToken) is { } twin)
            {
                return twin;
            }

            throw;
        }

        var made = new List<Booking.Booking>();
        for (var i = 0; i < times.Count; i++)
        {
            var outcome = await bookings.CreateAsync(clientUserId, new BookingRequest(
                plan.TherapistId, modality.Slug(), plan.DurationMinutes, times[i].InZone(zone).ToOffsetDateTime(), request.Latitude, request.Longitude, request.Address),
                $"{idempotencyKey}:{i + 1}", cancellationToken);
            if (outcome.Kind is BookingOutcomeKind.Created or BookingOutcomeKind.Replayed)
            {
                made.Add(outcome.Booking!);
                continue;
            }

            // All or nothing: undo what this request booked, so the client is not left with half a course.
            await UndoAsync(plan, made, cancellationToken);
            if (outcome.Kind == BookingOutcomeKind.Refused)
            {
                return new(PlanOutcome.Refused, Message: outcome.Message);
            }

            var taken = outcome.Kind is BookingOutcomeKind.Conflict or BookingOutcomeKind.Overlap;
            var message = outcome.Kind switch
            {
                BookingOutcomeKind.Conflict => $"Session {i + 1} ({Format(times[i], zone)}) is no longer free: choose another time for it.",
                BookingOutcomeKind.Overlap => $"Session {i + 1} ({Format(times[i], zone)}) overlaps a visit you already have: choose another time for it.",
                _ => $"Session {i + 1} could not be booked: {string.Join(" ", outcome.Errors.Values.SelectMany(v => v))}",
            };
            return new(taken ? PlanOutcome.Conflict : PlanOutcome.Invalid,
                Series: await SeriesAsync(clientUserId, request, modality, cancellationToken),
                Errors: taken ? null : new() { [$"starts[{i}]"] = [message] }, Message: message);
        }

        // Only the plan's columns are set: a cancel or move of a session at the same moment is not overwritten (nor refused).
        for (var i = 0; i < made.Count; i++)
        {
            var (bookingId, session) = (made[i].Id, i + 1);
            await db.Bookings.Where(b => b.Id == bookingId)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.PlanId, plan.Id).SetProperty(b => b.PlanSession, session), cancellationToken);
        }

        return new(PlanOutcome.Done, await DtoAsync(plan, cancellationToken));
    }

    /// <summary>
    /// The answer to a request whose key was used before: with another request (body), a 422 naming the header; else
    /// that plan as it stands. While the first request is still booking its sessions (a retry sent before it
    /// answered), a 409 with the plan so far: ask again shortly.
    /// </summary>
    private async Task<PlanResult?> EarlierAsync(string clientUserId, string idempotencyKey, string hash, CancellationToken cancellationToken)
    {
        var earlier = await db.Set<TreatmentPlan>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.ClientUserId == clientUserId && p.IdempotencyKey == idempotencyKey, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        if (!IdempotencyKeys.Matches(earlier.RequestHash, hash))
        {
            return new(PlanOutcome.Invalid, Errors: IdempotencyKeys.Reused());
        }

        var dto = await DtoAsync(earlier, cancellationToken);
        var booking = earlier.Status == PlanStatus.Active && dto.Booked.Count < earlier.Sessions && clock.GetCurrentInstant() - earlier.CreatedAt < InProgressFor;
        return booking
            ? new(PlanOutcome.InProgress, dto, Message: "The first request with this Idempotency-Key is still booking the sessions: ask again in a moment for its result.")
            : new(PlanOutcome.Replayed, dto);
    }

    /// <summary>How long a plan may take to book its sessions; a plan left half-linked longer than this is answered as it is.</summary>
    private static readonly Duration InProgressFor = Duration.FromMinutes(2);

    public async Task<PlanResult> GetAsync(Guid id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var (plan, role) = await AccessAsync(id, actor, cancellationToken);
        if (plan is null)
        {
            return new(PlanOutcome.NotFound);
        }

        // A plan holds the client's goals: reads by anyone but the client are audited, as are refusals.
        if (role != Roles.Client && actor.FindFirstValue(ClaimTypes.NameIdentifier) is { } actorId)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                ActorUserId = actorId, Action = role is null ? "plan-denied" : "read-plan", SubjectUserId = plan.ClientUserId, Resource = $"plan:{plan.Id}",
                At = clock.GetCurrentInstant(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return role is null ? new(PlanOutcome.Forbidden) : new(PlanOutcome.Done, await DtoAsync(plan, cancellationToken));
    }

    /// <summary>The signed-in client's plans, or the therapist's.</summary>
    public async Task<IReadOnlyList<PlanDto>> MineAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var userId = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        var therapistId = await db.Therapists.Where(t => t.UserId == userId).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
        var plans = await db.Set<TreatmentPlan>().AsNoTracking()
            .Where(p => p.ClientUserId == userId || p.TherapistId == therapistId).OrderByDescending(p => p.CreatedAt).ToListAsync(cancellationToken);
        var list = new List<PlanDto>();
        foreach (var plan in plans)
        {
            list.Add(await DtoAsync(plan, cancellationToken));
        }

        return list;
    }

    public async Task<PlanResult> ReassessAsync(Guid id, ClaimsPrincipal actor, string? text, CancellationToken cancellationToken)
    {
        var (plan, role) = await AccessAsync(id, actor, cancellationToken, tracked: true);
        if (plan is null)
        {
            return new(PlanOutcome.NotFound);
        }

        if (role != Roles.Therapist)
        {
            return new(PlanOutcome.Forbidden, Message: "The plan's therapist records the re-assessment.");
        }

        var dto = await DtoAsync(plan, cancellationToken);
        if (!dto.ReassessmentDue)
        {
            return new(PlanOutcome.Invalid, dto, Errors: new() { ["reassessment"] = ["The re-assessment comes after the plan's last session."] });
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > 2000)
        {
            return new(PlanOutcome.Invalid, dto, Errors: new() { ["reassessment"] = ["Write the re-assessment (up to 2000 characters): progress against the goals and what next."] });
        }

        plan.Reassessment = text.Trim();
        plan.ReassessedAt = clock.GetCurrentInstant();
        plan.ReassessedBy = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        plan.Status = PlanStatus.Completed;
        await db.SaveChangesAsync(cancellationToken);
        return new(PlanOutcome.Done, await DtoAsync(plan, cancellationToken));
    }

    /// <summary>True when the signed-in user is the plan's therapist (who records the re-assessment).</summary>
    public async Task<bool> IsTherapistOfAsync(Guid id, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        (await AccessAsync(id, actor, cancellationToken)).Role == Roles.Therapist;

    private async Task<IReadOnlyList<SeriesItemDto>> SeriesAsync(string clientUserId, PlanRequest request, Modality modality, CancellationToken cancellationToken)
    {
        var client = new GeoPoint(request.Latitude!.Value, request.Longitude!.Value);
        var zone = Zones.At(client.Latitude, client.Longitude);
        var length = Duration.FromMinutes(request.DurationMinutes!.Value);
        var wanted = request.Starts is { Count: > 0 } starts
            ? [.. starts.Select(s => s.InZone(zone))]
            : SeriesPlanner.Wanted(request.FirstStart!.Value.InZone(zone), Period.FromDays(request.CadenceDays!.Value), request.Sessions!.Value);
        var engine = bookings.Engine;
        var settings = bookings.Settings.ToEngine();
        var earlier = new List<Visit>();
        var items = new List<SeriesItemDto>();
        for (var i = 0; i < wanted.Count; i++)
        {
            var around = new DateInterval(wanted[i].Date.PlusDays(-2), wanted[i].Date.PlusDays(2));
            var calendars = (await queries.CalendarsAsync(modality, around, request.TherapistId, clientUserId, cancellationToken, client))
                .Select(c => c with { Visits = [.. c.Visits.Concat(earlier).OrderBy(v => v.Occupied.Start)] }).ToList();
            // The client's blocks and own visits count as for one booking: a blocked therapist's series shows no free date.
            var limits = await queries.LimitsAsync(clientUserId, around, null, cancellationToken);
            var slots = engine.Find(new AvailabilityRequest(client, modality, length, zone, around, clientUserId, Limits: limits), calendars, clock.GetCurrentInstant());
            var item = SeriesPlanner.Check(i + 1, wanted[i], slots, request.TherapistId!.Value);
            items.Add(new SeriesItemDto(item.Number, Format(item.Wanted.ToInstant(), zone), item.Free, [.. item.Alternatives.Select(a => Format(a.ToInstant(), zone))]));
            // Later sessions must leave room for this one (the wanted time, or the first alternative the client would likely take).
            if ((item.Free ? item.Wanted : item.Alternatives.FirstOrDefault()) is { } held && held != default)
            {
                var start = held.ToInstant();
                earlier.Add(new Visit(new Interval(start - settings.SetUp, start + length + settings.PackDown), client, clientUserId));
            }
        }

        return items;
    }

    private async Task UndoAsync(TreatmentPlan plan, List<Booking.Booking> made, CancellationToken cancellationToken)
    {
        var ids = made.Select(b => b.Id).ToList();
        // Read again if a session changed meanwhile (the client cancelling one already): its row version refuses a stale write.
        await WriteConflicts.RetryAsync(db, async () =>
        {
            foreach (var booking in await db.Bookings.Where(b => ids.Contains(b.Id) && b.Status != BookingStatus.Cancelled).ToListAsync(cancellationToken))
            {
                booking.Status = BookingStatus.Cancelled;
                booking.StatusReason = "The treatment plan could not be booked in full.";
                booking.StatusChangedAt = clock.GetCurrentInstant();
                booking.StatusChangedBy = plan.ClientUserId;
                booking.Sequence++;
            }

            var tracked = await db.Set<TreatmentPlan>().SingleAsync(p => p.Id == plan.Id, cancellationToken);
            tracked.Status = PlanStatus.Cancelled;
            await db.SaveChangesAsync(cancellationToken);
            return true;
        });
        // Drop the confirmations of sessions that never stood: the outbox must not announce them.
        await db.Set<Notifications.Notification>().Where(n => n.BookingId != null && ids.Contains(n.BookingId.Value) && n.SentAt == null).ExecuteDeleteAsync(cancellationToken);
        ids.ForEach(id => logger.Withdrawn(id, plan.Id));
    }

    private async Task<(TreatmentPlan? Plan, string? Role)> AccessAsync(Guid id, ClaimsPrincipal actor, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = tracked ? db.Set<TreatmentPlan>() : db.Set<TreatmentPlan>().AsNoTracking();
        var plan = await query.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return (null, null);
        }

        var userId = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        if (plan.ClientUserId == userId)
        {
            return (plan, Roles.Client);
        }

        if (await db.Therapists.AnyAsync(t => t.Id == plan.TherapistId && t.UserId == userId, cancellationToken))
        {
            return (plan, Roles.Therapist);
        }

        return (plan, actor.IsInRole(Roles.Admin) ? Roles.Admin : null);
    }

    private async Task<PlanDto> DtoAsync(TreatmentPlan plan, CancellationToken cancellationToken)
    {
        var sessions = await db.Bookings.AsNoTracking().Where(b => b.PlanId == plan.Id).OrderBy(b => b.Start).ToListAsync(cancellationToken);
        var therapist = await db.Therapists.Where(t => t.Id == plan.TherapistId).Select(t => t.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "";
        var now = clock.GetCurrentInstant();
        var closed = sessions.Count(b => b.Status is BookingStatus.Completed or BookingStatus.NoShow or BookingStatus.Cancelled);
        var next = sessions.FirstOrDefault(b => b.Status == BookingStatus.Confirmed && b.Start > now);
        return new PlanDto(
            plan.Id, plan.TherapistId, therapist, plan.Modality.Slug(), plan.DurationMinutes, plan.Sessions, plan.CadenceDays,
            JsonSerializer.Deserialize<List<string>>(plan.GoalsJson) ?? [], plan.GoalNote, plan.Status.ToString().ToLowerInvariant(),
            sessions.Count(b => b.Status == BookingStatus.Completed),
            [.. sessions.Select(b => new PlanSessionDto(b.PlanSession ?? 0, b.Id, Format(b.EarliestStart, ZoneOf(b)), b.Status.ToString().ToLowerInvariant()))],
            next is not null ? Format(next.EarliestStart, ZoneOf(next)) : null,
            plan.Status == PlanStatus.Active && sessions.Count > 0 && closed == sessions.Count && plan.Reassessment is null,
            plan.Reassessment);
    }

    /// <summary>The request's fingerprint for its Idempotency-Key: its times as instants, however their offsets were written.</summary>
    private static string Hash(string clientUserId, PlanRequest request) =>
        IdempotencyKeys.Fingerprint(Operation, clientUserId, new
        {
            Request = request with { FirstStart = null, Starts = null },
            FirstStart = request.FirstStart?.ToInstant(), Starts = request.Starts?.Select(s => s.ToInstant()).ToArray(),
        });

    /// <summary>An instant with the offset of <paramref name="zone"/> there and then: the local time of the visit.</summary>
    private static string Format(Instant instant, DateTimeZone zone) => OffsetDateTimePattern.Rfc3339.Format(instant.InZone(zone).ToOffsetDateTime());

    private static DateTimeZone ZoneOf(Booking.Booking visit) => Zones.At(visit.ClientLatitude, visit.ClientLongitude);

    private static Dictionary<string, string[]> Validate(PlanRequest request, out Modality modality)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Modalities.TryParseSlug(request.Modality, out modality))
        {
            errors["modality"] = [$"Choose a therapy: {string.Join(", ", Modalities.All.Select(m => m.Slug()))}."];
        }

        if (request.TherapistId is null)
        {
            errors["therapistId"] = ["Choose the therapist for the course."];
        }

        if (request.DurationMinutes is not (60 or 75 or 90 or 120))
        {
            errors["durationMinutes"] = ["A session is 60, 75, 90 or 120 minutes."];
        }

        if (request.FirstStart is null)
        {
            errors["firstStart"] = ["Give the first session's start, e.g. 2026-12-07T09:30:00+11:00."];
        }

        if (request.Sessions is not (>= 2 and <= MaxSessions))
        {
            errors["sessions"] = [$"A plan has 2 to {MaxSessions} sessions."];
        }

        if (request.CadenceDays is not (>= 3 and <= 28))
        {
            errors["cadenceDays"] = ["Sessions are 3 to 28 days apart (7 is weekly, 14 fortnightly)."];
        }

        if (request.Latitude is not (>= -90 and <= 90) || request.Longitude is not (>= -180 and <= 180))
        {
            errors["latitude"] = ["The address's coordinates are required (latitude -90 to 90, longitude -180 to 180)."];
        }

        if (request.Goals?.FirstOrDefault(g => !IntakeChoices.IsIn(IntakeChoices.Goals, g)) is { } unknown)
        {
            errors["goals"] = [$"Unknown goal '{unknown}': use {string.Join(", ", IntakeChoices.Goals.Select(g => g.Id))}."];
        }

        if (request.GoalNote is { Length: > 500 })
        {
            errors["goalNote"] = ["At most 500 characters."];
        }

        return errors;
    }
}
