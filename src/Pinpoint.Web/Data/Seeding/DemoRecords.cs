using System.Text.Json;
using NodaTime;
using Pinpoint.Core.Clinical;
using Pinpoint.Core.Intake;
using Pinpoint.Core.Outcomes;
using Pinpoint.Core.Referral;
using Pinpoint.Core.Screening;
using static Pinpoint.Web.Data.Seeding.DemoClients;

namespace Pinpoint.Web.Data.Seeding;

/// <summary>
/// The clinical content of the demo history, written as a therapist and a client would: an intake, SOAP notes whose
/// pain and trigger points ease over the course, and questionnaire answers that improve. Everything comes from one
/// seeded <see cref="Random"/>, so every first start writes the same story.
/// </summary>
internal sealed class DemoRecords(Random random)
{
    public static IntakeContent Intake(Entry client) => new()
    {
        Regions = [.. Regions(client.Course).Select(r => new PainfulRegion(r.Region, r.Intensity))],
        Duration = PainDuration.Months,
        Better = client.Course == Course.Neck ? "A hot shower and lying flat" : "Walking and a warm pack",
        Worse = client.Course == Course.Neck ? "Long days at the laptop" : "Sitting in the car and bending to lift",
        Complaints = Complaints(client.Course),
        Goals = Goals(client.Course),
        Activity = client.Course == Course.Neck ? "desk" : "manual-work",
        Preferences = new SessionPreferences { Stairs = client.Weekday % 2 == 0, Pets = client.Weekday == 2 ? "A quiet cat" : null, Parking = "Street parking out the front" },
        Screening = ScreeningRules.Questions.ToDictionary(q => q.Id, _ => (ScreeningAnswer?)new ScreeningAnswer(false)),
    };

    public static ScreeningResult Screen(IntakeContent content, LocalDate today) => ScreeningRules.Evaluate(new ScreeningContext(
        content.Screening.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!), [.. content.Regions.Select(r => r.RegionId)], today));

    /// <summary>The note of visit <paramref name="visit"/> (0 = the initial assessment) of <paramref name="visits"/>.</summary>
    public SoapNote Note(Course course, int visit, int visits)
    {
        var progress = visits <= 1 ? 0 : visit / (double)(visits - 1);
        var before = Math.Clamp((int)Math.Round(7 - (4.5 * progress) + (random.NextDouble() - 0.5)), 1, 9);
        var after = Math.Max(0, before - 2 - random.Next(0, 2));
        var muscles = Muscles(course);
        var count = Math.Clamp(4 - (visit / 2), 2, muscles.Count);
        var findings = muscles.Take(count).Select((m, i) => new TriggerPointFinding
        {
            MuscleId = m.Muscle, Side = m.Side, RegionId = $"{m.Region}-{m.Side.ToString().ToLowerInvariant()}",
            Activity = progress < 0.6 || i == 0 ? TriggerPointActivity.Active : TriggerPointActivity.Latent,
            Tenderness = Math.Clamp((int)Math.Round(8 - (5 * progress) - i + random.Next(-1, 2)), 1, 10),
            ReferralReproduced = i == 0 && progress < 0.7, LocalTwitch = random.NextDouble() < 0.3,
            Techniques = i % 2 == 0 ? ["ischemic-compression", "pin-and-stretch"] : ["stripping", "muscle-energy"],
            PressureTolerated = progress < 0.3 ? IntakeChoices.GentlePressure : "medium",
        }).ToList();
        var area = course == Course.Neck ? "neck and right shoulder" : "low back";
        return new SoapNote
        {
            Subjective = visit == 0
                ? $"Initial assessment. {char.ToUpperInvariant(area[0])}{area[1..]} pain for several months, worse by the end of the working day."
                : progress < 0.5 ? $"Some relief for two to three days after the last visit; the {area} still tightens by evening."
                : $"Much better week: the {area} only bothered them once, after a long day. Doing the home care most days.",
            PainBefore = before,
            Findings = findings,
            Observations = course == Course.Neck ? "Forward head posture; right rotation limited at first, freer as care went on." : "Guarded lumbar flexion; left side bending tight early on.",
            Assessment = progress < 0.5
                ? $"Active trigger points in the {area} reproduce the familiar pain; responding to gentle pressure."
                : "Fewer and milder points; the remaining ones are mostly latent. Good response to treatment and home care.",
            Plan = visit == visits - 1 ? "Move to maintenance visits every three to four weeks; keep up the daily self-release." : "Continue weekly; progress self-release and add the next exercise.",
            PainAfter = after,
            ClientSummary = progress < 0.5
                ? $"We worked on the tight spots in your {area} that send pain to where you feel it. Do your exercises gently each day and drink some water tonight."
                : $"Your {area} is settling well: fewer tender spots today. Keep going with the exercises; they are working.",
        };
    }

    /// <summary>
    /// Answers to <paramref name="instrument"/> from how troubled the client is (<paramref name="burden"/>, 0 = not at
    /// all, 1 = the most), item by item and in each item's own direction, with a little noise as real answers have.
    /// </summary>
    public (Dictionary<string, int?> Answers, Dictionary<string, string>? Labels, double Score) Answers(Instrument instrument, Course course, double burden)
    {
        var items = instrument is FunctionalScale ? instrument.Items.Take(FunctionalScale.MinActivities).ToList() : [.. instrument.Items];
        var answers = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var worse = (instrument.Better == Better.Lower) != item.Reversed;
            var level = worse ? burden : 1 - burden;
            var span = item.Max - item.Min;
            var noise = span >= 5 ? random.Next(-1, 2) : 0;
            answers[item.Id] = Math.Clamp(item.Min + (int)Math.Round(level * span) + noise, item.Min, item.Max);
        }

        var labels = instrument is FunctionalScale
            ? items.Zip(Activities(course)).ToDictionary(p => p.First.Id, p => p.Second, StringComparer.Ordinal)
            : null;
        var score = instrument.Score(answers);
        return score.Value is { } value ? (answers, labels, value)
            : throw new InvalidOperationException($"Demo answers to {instrument.Id} do not score: {JsonSerializer.Serialize(score.Errors)}");
    }

    public int Rating() => random.NextDouble() switch
    {
        < 0.72 => 5,
        < 0.94 => 4,
        _ => 3,
    };

    private int _comments;

    // In turn rather than at random, so one therapist's latest reviews do not repeat each other.
    public string? Comment() => random.NextDouble() < 0.6 ? Comments[_comments++ % Comments.Length] : null;

    public bool Ticked(double adherence) => random.NextDouble() < adherence;
}
