using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Clinical;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Intake;

namespace Pinpoint.Web.Features.Clinical;

/// <summary>An exercise a therapist prescribed after a visit, with its dose and course.</summary>
public sealed class HomeCarePrescription
{
    public long Id { get; init; }

    public required Guid BookingId { get; init; }

    public required Guid TherapistId { get; init; }

    public required string ClientUserId { get; init; }

    public required string ExerciseId { get; init; }

    public int HoldSeconds { get; init; }

    public int Repetitions { get; init; }

    public int TimesPerDay { get; init; }

    public int Days { get; init; }

    public LocalDate StartsOn { get; init; }

    public string? Note { get; init; }

    public Instant CreatedAt { get; init; }

    public List<HomeCareTick> Ticks { get; init; } = [];

    public Dose Dose => new(HoldSeconds, Repetitions, TimesPerDay, Days);

    public PrescribedCourse Course => new(Id, StartsOn, Days);
}

/// <summary>The client did the exercise on this day.</summary>
public sealed class HomeCareTick
{
    public long Id { get; init; }

    public long PrescriptionId { get; init; }

    public required LocalDate Day { get; init; }

    public required Instant At { get; init; }
}

public sealed record PrescriptionInput(string? ExerciseId, int? HoldSeconds, int? Repetitions, int? TimesPerDay, int? Days, string? Note);

public sealed record PrescribeRequest(IReadOnlyList<PrescriptionInput?>? Items);

public sealed record TickRequest(bool Done);

/// <summary>A prescription as the client and therapist see it.</summary>
public sealed record PrescriptionView(
    long Id, Guid BookingId, string ExerciseId, string Title, string Instructions, string Dose, LocalDate StartsOn, LocalDate EndsOn, string? Note,
    IReadOnlyList<LocalDate> DaysDone, bool Active);

public sealed record HomeCareView(IReadOnlyList<PrescriptionView> Prescriptions, AdherenceSummary Adherence);

public enum HomeCareOutcome
{
    Done = 1,
    NotFound = 2,
    Forbidden = 3,
    Invalid = 4,
}

/// <summary>
/// Home care between sessions: the treating therapist prescribes exercises from the catalogue after a visit; the client
/// ticks them off day by day; the therapist (with a booking with the client) and admins see adherence, audited like
/// the intake. Days are the client's local days: in their own area's zone (<see cref="ClientAreas"/>).
/// </summary>
public sealed class HomeCareService(PinpointDb db, HomeCareCatalogue catalogue, ClientRecordAccess records, ClientAreas areas, IClock clock)
{
    public const int MaxItems = 10;

    /// <summary>The client's date now, in their own area's zone: the last day they may tick.</summary>
    public Task<LocalDate> TodayAsync(string clientUserId, CancellationToken cancellationToken) => areas.TodayAsync(clientUserId, cancellationToken);

    public async Task<(HomeCareOutcome Outcome, Dictionary<string, string[]>? Errors)> PrescribeAsync(
        Guid bookingId, ClaimsPrincipal actor, PrescribeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actorId = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null)
        {
            return (HomeCareOutcome.NotFound, null);
        }

        if (!actor.IsInRole(Roles.Therapist) || !await db.Therapists.AnyAsync(t => t.Id == booking.TherapistId && t.UserId == actorId, cancellationToken))
        {
            return (HomeCareOutcome.Forbidden, null);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var items = request.Items ?? [];
        if (items.Count is 0 or > MaxItems)
        {
            errors["items"] = [$"Prescribe 1 to {MaxItems} exercises at a time."];
        }

        var doses = new List<(PrescriptionInput Input, Dose Dose)>();
        for (var i = 0; i < items.Count && i < MaxItems; i++)
        {
            if (items[i] is not { } item)
            {
                errors[$"items[{i}]"] = ["An exercise is required here."];
                continue;
            }

            var dose = new Dose(item.HoldSeconds ?? Dose.Default.HoldSeconds, item.Repetitions ?? Dose.Default.Repetitions,
                item.TimesPerDay ?? Dose.Default.TimesPerDay, item.Days ?? Dose.Default.Days);
            foreach (var (field, messages) in DoseValidation.Check($"items[{i}]", item.ExerciseId, dose, catalogue))
            {
                errors[field] = messages;
            }

            if (item.Note is { Length: > 300 })
            {
                errors[$"items[{i}].note"] = ["A note is at most 300 characters."];
            }

            doses.Add((item, dose));
        }

        if (booking.Status == BookingStatus.Cancelled)
        {
            errors["booking"] = ["This visit was cancelled."];
        }

        if (errors.Count > 0)
        {
            return (HomeCareOutcome.Invalid, errors);
        }

        var now = clock.GetCurrentInstant();
        // The course starts on the visit's day at its address, or today there if the visit was earlier.
        var zone = Zones.At(booking.ClientLatitude, booking.ClientLongitude);
        var startsOn = LocalDate.Max(booking.EarliestStart.InZone(zone).Date, now.InZone(zone).Date);
        foreach (var (item, dose) in doses)
        {
            db.Add(new HomeCarePrescription
            {
                BookingId = booking.Id, TherapistId = booking.TherapistId!.Value, ClientUserId = booking.ClientUserId, ExerciseId = item.ExerciseId!,
                HoldSeconds = dose.HoldSeconds, Repetitions = dose.Repetitions, TimesPerDay = dose.TimesPerDay, Days = dose.Days, StartsOn = startsOn,
                Note = string.IsNullOrWhiteSpace(item.Note) ? null : item.Note.Trim(), CreatedAt = now,
            });
        }

        db.AuditEntries.Add(new AuditEntry { ActorUserId = actorId!, Action = "prescribe-home-care", SubjectUserId = booking.ClientUserId, Resource = $"home-care:{booking.Id}", At = now });
        await db.SaveChangesAsync(cancellationToken);
        return (HomeCareOutcome.Done, null);
    }

    /// <summary>The client's own home care: every prescription, newest first, with the days ticked.</summary>
    public async Task<HomeCareView> ForClientAsync(string clientUserId, CancellationToken cancellationToken)
    {
        var list = await db.Set<HomeCarePrescription>().AsNoTracking().Include(p => p.Ticks)
            .Where(p => p.ClientUserId == clientUserId).OrderByDescending(p => p.StartsOn).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var today = await TodayAsync(clientUserId, cancellationToken);
        return new HomeCareView(
            [.. list.Select(p => View(p, today))],
            Adherence.Of(list.Select(p => p.Course), list.SelectMany(p => p.Ticks.Select(t => (p.Id, t.Day))), today));
    }

    /// <summary>For the treating therapist or an admin: the client's home care and adherence (the read is audited).</summary>
    public async Task<HomeCareView?> ForCareTeamAsync(string clientUserId, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        await records.CanReadAsync(actor, clientUserId, "home-care", cancellationToken) ? await ForClientAsync(clientUserId, cancellationToken) : null;

    /// <summary>Sets whether the day is done; repeating it changes nothing (a double tap that loses the race is run again and finds it so).</summary>
    public Task<(HomeCareOutcome Outcome, string? Message)> TickAsync(
        long prescriptionId, LocalDate day, bool done, string clientUserId, CancellationToken cancellationToken) =>
        WriteConflicts.RetryAsync(db, () => TickOnceAsync(prescriptionId, day, done, clientUserId, cancellationToken));

    private async Task<(HomeCareOutcome Outcome, string? Message)> TickOnceAsync(
        long prescriptionId, LocalDate day, bool done, string clientUserId, CancellationToken cancellationToken)
    {
        var prescription = await db.Set<HomeCarePrescription>().Include(p => p.Ticks).SingleOrDefaultAsync(p => p.Id == prescriptionId, cancellationToken);
        if (prescription is null || prescription.ClientUserId != clientUserId)
        {
            return (HomeCareOutcome.NotFound, null);
        }

        var today = await TodayAsync(clientUserId, cancellationToken);
        if (!Adherence.CanTick(prescription.Course, day, today))
        {
            return (HomeCareOutcome.Invalid, $"You can tick days from {prescription.StartsOn:yyyy-MM-dd} to {LocalDate.Min(prescription.StartsOn.PlusDays(prescription.Days - 1), today):yyyy-MM-dd}.");
        }

        var existing = prescription.Ticks.SingleOrDefault(t => t.Day == day);
        if (done && existing is null)
        {
            prescription.Ticks.Add(new HomeCareTick { Day = day, At = clock.GetCurrentInstant() });
        }
        else if (!done && existing is not null)
        {
            prescription.Ticks.Remove(existing);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (HomeCareOutcome.Done, null);
    }

    private PrescriptionView View(HomeCarePrescription p, LocalDate today)
    {
        var exercise = catalogue.Find(p.ExerciseId);
        var ends = p.StartsOn.PlusDays(p.Days - 1);
        return new PrescriptionView(
            p.Id, p.BookingId, p.ExerciseId, exercise?.Title ?? p.ExerciseId, exercise?.Instructions ?? "", p.Dose.Describe(), p.StartsOn, ends, p.Note,
            [.. p.Ticks.Select(t => t.Day).Order()], today >= p.StartsOn && today <= ends);
    }
}
