using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Clinical;
using Pinpoint.Core.Outcomes;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Clinical;
using Pinpoint.Web.Features.Intake;

namespace Pinpoint.Web.Features.Outcomes;

/// <summary>One questionnaire a client answered: the answers as given, the score, and how far into their care it was.</summary>
public sealed class OutcomeResponse
{
    public long Id { get; init; }

    public required string ClientUserId { get; init; }

    public required string InstrumentId { get; init; }

    public required string AnswersJson { get; init; }

    /// <summary>The client's own names for the activities of the functional scale.</summary>
    public string? LabelsJson { get; init; }

    public double Score { get; init; }

    public Instant TakenAt { get; init; }

    /// <summary>Sessions completed when it was answered (0 = at the start).</summary>
    public int AfterSessions { get; init; }
}

public sealed record OutcomeSubmission(Dictionary<string, int?>? Answers, Dictionary<string, string?>? Activities);

public sealed record InstrumentDto(
    string Id, string Name, string Measures, double Min, double Max, string Better, double Mcid, string Unit, string Source, IReadOnlyList<OutcomeItem> Items);

/// <summary>One answer over time; its <c>Date</c> is the day it was answered in the client's own area's zone.</summary>
public sealed record OutcomePoint(Instant TakenAt, LocalDate Date, int AfterSessions, double Score);

public sealed record InstrumentHistory(InstrumentDto Instrument, IReadOnlyList<OutcomePoint> Points, OutcomeChange? Change, IReadOnlyList<string> Activities);

public sealed record SessionPain(Guid BookingId, LocalDate Date, int Before, int After);

public sealed record ProgressView(IReadOnlyList<SessionPain> Pain, OutcomeChange? PainChange, IReadOnlyList<InstrumentHistory> Measures, IReadOnlyList<InstrumentDto> Due);

public enum OutcomeOutcome
{
    Created = 1,
    NotFound = 2,
    Invalid = 3,
}

/// <summary>
/// Outcome measures: which questionnaires a client is due (at the start, every third completed session, at the end of
/// a plan), scoring and storing their answers, and their progress — pain before and after each session from the
/// signed session notes, and every questionnaire over time with the change read against its MCID.
/// </summary>
/// <summary>Configuration section <c>Outcomes</c>.</summary>
public sealed class OutcomeOptions
{
    /// <summary>Questionnaires are asked again after this many completed sessions.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 52)]
    public int EveryNSessions { get; set; } = OutcomeSchedule.DefaultEvery;
}

public sealed class OutcomeService(
    PinpointDb db, Atlas atlas, IntakeService intake, ClientRecordAccess records, ClientAreas areas, Microsoft.Extensions.Options.IOptions<OutcomeOptions> options,
    IClock clock)
{
    public static InstrumentDto Dto(Instrument i) => new(i.Id, i.Name, i.Measures, i.Min, i.Max, i.Better.ToString().ToLowerInvariant(), i.Mcid, i.Unit, i.Source, i.Items);

    public async Task<IReadOnlyList<InstrumentDto>> DueAsync(string clientUserId, CancellationToken cancellationToken)
    {
        var regions = (await intake.LatestAsync(clientUserId, cancellationToken))?.Content.Regions.Select(r => r.RegionId) ?? [];
        var completed = await db.Bookings.CountAsync(b => b.ClientUserId == clientUserId && b.Status == BookingStatus.Completed, cancellationToken);
        var taken = await db.Set<OutcomeResponse>().Where(r => r.ClientUserId == clientUserId && r.InstrumentId != OutcomeMeasures.Pain.Id)
            .Select(r => new { r.AfterSessions, r.InstrumentId }).ToListAsync(cancellationToken);
        var set = OutcomeMeasures.For(regions, atlas);
        // A round started at this point in care is finished first; otherwise the schedule decides.
        var thisRound = taken.Where(t => t.AfterSessions == completed).Select(t => t.InstrumentId).ToHashSet(StringComparer.Ordinal);
        if (thisRound.Count > 0)
        {
            return [.. set.Where(i => !thisRound.Contains(i.Id)).Select(Dto)];
        }

        var planFinished = await db.Set<Plans.TreatmentPlan>().AnyAsync(p => p.ClientUserId == clientUserId && p.Status == Plans.PlanStatus.Active &&
            !db.Bookings.Any(b => b.PlanId == p.Id && b.Status == BookingStatus.Confirmed), cancellationToken);
        var last = taken.Count == 0 ? (int?)null : taken.Max(t => t.AfterSessions);
        return OutcomeSchedule.IsDue(completed, last, planFinished, options.Value.EveryNSessions) ? [.. set.Select(Dto)] : [];
    }

    public async Task<(OutcomeOutcome Outcome, IReadOnlyDictionary<string, string[]>? Errors, double? Score, OutcomeChange? Change)> SubmitAsync(
        string clientUserId, string instrumentId, OutcomeSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (OutcomeMeasures.Find(instrumentId) is not { } instrument)
        {
            return (OutcomeOutcome.NotFound, null, null, null);
        }

        var answers = submission.Answers ?? [];
        var scored = instrument.Score(answers);
        var errors = new Dictionary<string, string[]>(scored.Errors, StringComparer.Ordinal);
        Dictionary<string, string>? labels = null;
        if (instrument is FunctionalScale)
        {
            labels = [];
            foreach (var (item, value) in answers.Where(a => a.Value is not null))
            {
                var name = submission.Activities?.GetValueOrDefault(item)?.Trim();
                if (string.IsNullOrEmpty(name) || name.Length > 80)
                {
                    errors[$"activities.{item}"] = ["Name the activity (up to 80 characters), e.g. \"Sitting at my desk for an hour\"."];
                }
                else
                {
                    labels[item] = name;
                }
            }
        }

        if (errors.Count > 0 || scored.Value is not { } score)
        {
            return (OutcomeOutcome.Invalid, errors, null, null);
        }

        var completed = await db.Bookings.CountAsync(b => b.ClientUserId == clientUserId && b.Status == BookingStatus.Completed, cancellationToken);
        var baseline = await db.Set<OutcomeResponse>().Where(r => r.ClientUserId == clientUserId && r.InstrumentId == instrument.Id)
            .OrderBy(r => r.TakenAt).Select(r => (double?)r.Score).FirstOrDefaultAsync(cancellationToken);
        db.Add(new OutcomeResponse
        {
            ClientUserId = clientUserId, InstrumentId = instrument.Id, AnswersJson = JsonSerializer.Serialize(answers),
            LabelsJson = labels is null ? null : JsonSerializer.Serialize(labels), Score = score, TakenAt = clock.GetCurrentInstant(), AfterSessions = completed,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (OutcomeOutcome.Created, null, score, baseline is { } first ? OutcomeMeasures.Change(instrument, first, score) : null);
    }

    public async Task<ProgressView> ProgressAsync(string clientUserId, CancellationToken cancellationToken)
    {
        var notes = await db.Set<SessionNoteRecord>().AsNoTracking().Where(n => n.ClientUserId == clientUserId && n.SignedAt != null)
            .Join(db.Bookings.AsNoTracking(), n => n.BookingId, b => b.Id, (n, b) => new { n.ContentJson, b.Id, Start = b.Start!.Value, b.ClientLatitude, b.ClientLongitude }).ToListAsync(cancellationToken);
        var pain = notes
            .Select(n => (n, Note: JsonSerializer.Deserialize<SoapNote>(n.ContentJson, IntakeJson.Options)))
            .Where(x => x.Note is { PainBefore: not null, PainAfter: not null })
            .OrderBy(x => x.n.Start)
            .Select(x => new SessionPain(x.n.Id, x.n.Start.InZone(Zones.At(x.n.ClientLatitude, x.n.ClientLongitude)).Date, x.Note!.PainBefore!.Value, x.Note.PainAfter!.Value))
            .ToList();
        var responses = await db.Set<OutcomeResponse>().AsNoTracking().Where(r => r.ClientUserId == clientUserId).OrderBy(r => r.TakenAt).ToListAsync(cancellationToken);
        // A questionnaire has no visit's address: its day is the client's own.
        var zone = await areas.ZoneAsync(clientUserId, cancellationToken);
        var measures = responses.GroupBy(r => r.InstrumentId)
            .Select(g => (Instrument: OutcomeMeasures.Find(g.Key), Points: g.ToList()))
            .Where(g => g.Instrument is not null)
            .Select(g => new InstrumentHistory(
                Dto(g.Instrument!), [.. g.Points.Select(p => new OutcomePoint(p.TakenAt, p.TakenAt.InZone(zone).Date, p.AfterSessions, p.Score))],
                g.Points.Count > 1 ? OutcomeMeasures.Change(g.Instrument!, g.Points[0].Score, g.Points[^1].Score) : null,
                g.Points[^1].LabelsJson is { } json ? [.. (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Value)] : []))
            .OrderBy(h => OutcomeMeasures.All.ToList().FindIndex(i => i.Id == h.Instrument.Id))
            .ToList();
        return new ProgressView(
            pain, pain.Count > 1 ? OutcomeMeasures.Change(OutcomeMeasures.Pain, pain[0].Before, pain[^1].Before) : null, measures,
            await DueAsync(clientUserId, cancellationToken));
    }

    /// <summary>For a therapist with a booking with the client, or an admin (audited like the intake).</summary>
    public async Task<ProgressView?> ProgressForCareTeamAsync(string clientUserId, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        await records.CanReadAsync(actor, clientUserId, "outcomes", cancellationToken) ? await ProgressAsync(clientUserId, cancellationToken) : null;
}
