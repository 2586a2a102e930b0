using Pinpoint.Core.Anatomy;

namespace Pinpoint.Core.Outcomes;

public enum ChangeKind
{
    NoMeaningfulChange = 0,
    Improved = 1,
    Worse = 2,
}

/// <summary>A change between two scores, told as the client should hear it.</summary>
public sealed record OutcomeChange(double Before, double After, double Improvement, ChangeKind Kind, string Reading);

/// <summary>The instruments Pinpoint uses, and which apply to whom.</summary>
public static class OutcomeMeasures
{
    public static PainRating Pain { get; } = new();

    public static FunctionalScale Function { get; } = new();

    public static NeckDisabilityIndex Neck { get; } = new();

    public static OswestryDisabilityIndex LowBack { get; } = new();

    public static PerceivedStressScale Stress { get; } = new();

    public static SleepQuality Sleep { get; } = new();

    public static IReadOnlyList<Instrument> All { get; } = [Pain, Function, Neck, LowBack, Sleep, Stress];

    public static Instrument? Find(string? id) => All.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// The questionnaires for a client with pain in <paramref name="regionIds"/>: function, sleep and stress for everyone,
    /// the Neck Disability Index for head, face and neck patterns, the Oswestry index for low back and buttock ones.
    /// (Pain is asked at every session, not with the questionnaires.)
    /// </summary>
    public static IReadOnlyList<Instrument> For(IEnumerable<string> regionIds, Atlas atlas)
    {
        ArgumentNullException.ThrowIfNull(regionIds);
        ArgumentNullException.ThrowIfNull(atlas);
        var parents = regionIds.Select(atlas.FindRegion).OfType<BodyRegion>().Select(r => r.Parent).ToHashSet(StringComparer.Ordinal);
        var list = new List<Instrument> { Function };
        if (parents.Overlaps(["head", "face", "neck"]))
        {
            list.Add(Neck);
        }

        if (parents.Overlaps(["low-back", "buttock"]))
        {
            list.Add(LowBack);
        }

        list.Add(Sleep);
        list.Add(Stress);
        return list;
    }

    /// <summary>
    /// Classifies a change against the instrument's MCID: a change of at least the MCID in the better direction is an
    /// improvement "most people notice"; as much the other way is worse; anything smaller is no meaningful change yet.
    /// </summary>
    public static OutcomeChange Change(Instrument instrument, double before, double after)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var improvement = instrument.Better == Better.Lower ? before - after : after - before;
        // Scores carry at most a couple of decimals: a tolerance keeps 7.5 − 0 exactly at the MCID of 7.5.
        const double tolerance = 1e-9;
        var kind = improvement >= instrument.Mcid - tolerance ? ChangeKind.Improved
            : -improvement >= instrument.Mcid - tolerance ? ChangeKind.Worse
            : ChangeKind.NoMeaningfulChange;
        var size = Math.Abs(improvement).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        var mcid = instrument.Mcid.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        var what = $"Your {Lower(instrument.Name)} score";
        var unit = Math.Abs(Math.Abs(improvement) - 1) < tolerance ? instrument.Unit.TrimEnd('s') : instrument.Unit;
        var reading = kind switch
        {
            ChangeKind.Improved => $"{what} improved by {size} {unit} — a change most people notice.",
            ChangeKind.Worse => $"{what} got worse by {size} {unit}. Tell your therapist, so the plan can change.",
            _ when improvement > 0 => $"{what} improved by {size} {unit}; most people notice a change from about {mcid}.",
            _ when improvement < 0 => $"{what} went up by {size} {unit}, less than the {mcid} that usually matters.",
            _ => $"{what} has not changed.",
        };
        return new OutcomeChange(before, after, improvement, kind, reading);
    }

    private static string Lower(string name) => name switch
    {
        "Neck Disability Index" => "neck disability",
        "Oswestry Disability Index" => "back disability",
        "Perceived Stress Scale" => "stress",
        "Sleep quality" => "sleep",
        "Pain rating (NPRS)" => "pain",
        "Activities you find hard (PSFS)" => "activities",
        _ => name.ToLowerInvariant(),
    };
}

/// <summary>
/// When questionnaires are due: at the start (before the first session), then every <c>every</c> completed sessions
/// (default 3), and at the end of a plan if the last ones were not taken at its last session.
/// </summary>
public static class OutcomeSchedule
{
    public const int DefaultEvery = 3;

    /// <param name="completedSessions">Sessions completed so far.</param>
    /// <param name="lastTakenAfter">How many sessions had been completed when the questionnaires were last answered; null if never.</param>
    /// <param name="planFinished">The client's plan has had its last session.</param>
    public static bool IsDue(int completedSessions, int? lastTakenAfter, bool planFinished = false, int every = DefaultEvery)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        if (lastTakenAfter is not { } last)
        {
            return true;
        }

        return completedSessions - last >= every || (planFinished && completedSessions > last);
    }
}
