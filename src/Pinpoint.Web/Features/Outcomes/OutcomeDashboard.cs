using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Clinical;
using Pinpoint.Core.Intake;
using Pinpoint.Core.Outcomes;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Clinical;
using Pinpoint.Web.Features.Intake;

namespace Pinpoint.Web.Features.Outcomes;

public sealed record BookingFigures(int Completed, int Cancelled, int NoShow, int Upcoming, double Utilisation);

public sealed record Dashboard(
    IReadOnlyList<(string Dimension, IReadOnlyList<GroupOutcome> Groups, int Hidden)> Outcomes, BookingFigures Bookings, int Days);

/// <summary>
/// The operator's view of what the therapy achieves: each client's first and latest score per instrument (pain from the
/// session notes, the rest from questionnaires), grouped by modality, main complaint and therapist with small groups
/// left out; and the last 30 days of bookings and therapists' utilisation (booked session time over working time).
/// </summary>
public sealed class OutcomeDashboard(PinpointDb db, CalendarCache calendars, IClock clock)
{
    public const int Days = 30;

    public async Task<IReadOnlyList<EpisodeOutcome>> EpisodesAsync(CancellationToken cancellationToken)
    {
        var completed = await db.Bookings.AsNoTracking().Where(b => b.Status == BookingStatus.Completed)
            .Select(b => new { b.Id, b.ClientUserId, b.Modality, TherapistId = b.TherapistId!.Value, Start = b.Start!.Value }).ToListAsync(cancellationToken);
        var therapists = await db.Therapists.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.DisplayName, cancellationToken);
        var latestCare = completed.GroupBy(b => b.ClientUserId).ToDictionary(g => g.Key, g => g.MaxBy(b => b.Start)!);
        var intakes = (await db.IntakeVersions.AsNoTracking().Select(v => new { v.ClientUserId, v.Version, v.ContentJson }).ToListAsync(cancellationToken))
            .GroupBy(v => v.ClientUserId).ToDictionary(g => g.Key, g => IntakeJson.ReadContent(g.MaxBy(v => v.Version)!.ContentJson));

        string Complaint(string client) => intakes.GetValueOrDefault(client)?.Complaints.FirstOrDefault() is { } id
            ? IntakeChoices.Complaints.FirstOrDefault(c => c.Id == id)?.Label ?? id
            : "Not stated";

        EpisodeOutcome? Episode(string client, string instrument, IReadOnlyList<(double Score, int Sessions)> points)
        {
            if (points.Count < 2 || !latestCare.TryGetValue(client, out var care) || OutcomeMeasures.Find(instrument) is not { } measure)
            {
                return null;
            }

            var reached = points.Skip(1).FirstOrDefault(p => OutcomeMeasures.Change(measure, points[0].Score, p.Score).Kind == ChangeKind.Improved);
            return new EpisodeOutcome(client, care.Modality.Slug(), Complaint(client), therapists.GetValueOrDefault(care.TherapistId, "?"), instrument,
                points[0].Score, points[^1].Score, reached == default ? null : reached.Sessions);
        }

        var episodes = new List<EpisodeOutcome>();
        var responses = await db.Set<OutcomeResponse>().AsNoTracking().OrderBy(r => r.TakenAt).ToListAsync(cancellationToken);
        foreach (var g in responses.GroupBy(r => (r.ClientUserId, r.InstrumentId)))
        {
            episodes.AddRange(new[] { Episode(g.Key.ClientUserId, g.Key.InstrumentId, [.. g.Select(r => (r.Score, r.AfterSessions))]) }.OfType<EpisodeOutcome>());
        }

        // Pain before each session, from signed notes: "sessions" is how many came before the rating.
        var notes = await db.Set<SessionNoteRecord>().AsNoTracking().Where(n => n.SignedAt != null).Select(n => new { n.ClientUserId, n.BookingId, n.ContentJson }).ToListAsync(cancellationToken);
        var starts = completed.ToDictionary(b => b.Id, b => b.Start);
        foreach (var g in notes.GroupBy(n => n.ClientUserId))
        {
            var pain = g.Where(n => starts.ContainsKey(n.BookingId)).OrderBy(n => starts[n.BookingId])
                .Select(n => JsonSerializer.Deserialize<SoapNote>(n.ContentJson, IntakeJson.Options)?.PainBefore).OfType<int>()
                .Select((p, i) => ((double)p, i)).ToList();
            episodes.AddRange(new[] { Episode(g.Key, OutcomeMeasures.Pain.Id, pain) }.OfType<EpisodeOutcome>());
        }

        return episodes;
    }

    public async Task<Dashboard> BuildAsync(CancellationToken cancellationToken)
    {
        var episodes = await EpisodesAsync(cancellationToken);
        var outcomes = new List<(string, IReadOnlyList<GroupOutcome>, int)>();
        foreach (var (dimension, key) in new (string, Func<EpisodeOutcome, string>)[] { ("modality", e => e.Modality), ("complaint", e => e.Complaint), ("therapist", e => e.Therapist) })
        {
            var (shown, hidden) = OutcomeReport.By(dimension, key, episodes);
            outcomes.Add((dimension, shown, hidden));
        }

        return new Dashboard(outcomes, await BookingsAsync(cancellationToken), Days);
    }

    private async Task<BookingFigures> BookingsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var since = now - Duration.FromDays(Days);
        var recent = await db.Bookings.AsNoTracking().Where(b => b.Start >= since).Select(b => new { b.Status, Start = b.Start!.Value, End = b.End!.Value }).ToListAsync(cancellationToken);
        var booked = recent.Where(b => b.Start < now && b.Status is BookingStatus.Completed or BookingStatus.Confirmed or BookingStatus.NoShow)
            .Sum(b => (b.End - b.Start).TotalMinutes);
        var dates = new DateInterval(since.InUtc().Date, now.InUtc().Date.PlusDays(-1));
        var working = 0.0;
        foreach (var profile in await calendars.AllAsync(db, cancellationToken))
        {
            working += WorkingCalendar.Intervals(profile.Week, profile.Exceptions, profile.Zone, dates)
                .Where(i => i.End <= now && i.Start >= since).Sum(i => i.Duration.TotalMinutes);
        }

        return new BookingFigures(
            recent.Count(b => b.Status == BookingStatus.Completed), recent.Count(b => b.Status == BookingStatus.Cancelled), recent.Count(b => b.Status == BookingStatus.NoShow),
            recent.Count(b => b.Start >= now && b.Status is BookingStatus.Confirmed or BookingStatus.Requested), working == 0 ? 0 : Math.Round(booked / working, 3));
    }
}
