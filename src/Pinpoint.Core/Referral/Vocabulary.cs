using System.Collections.Frozen;

namespace Pinpoint.Core.Referral;

/// <summary>An activity profile the client can pick; the atlas links muscles to the activities that strain them.</summary>
/// <param name="IsSport">Training load and overuse: points to Sports trigger point therapy.</param>
/// <param name="IsPostural">Long static postures: points to posture-aware, systematic work.</param>
public sealed record Activity(string Id, string Label, bool IsSport, bool IsPostural);

/// <summary>
/// A symptom word the client can add. <see cref="Complaints"/> are the atlas complaints it supports (a muscle
/// listing one of them ranks a little higher); red-flag symptoms have none and only feed the warnings.
/// </summary>
/// <param name="RedFlag">A word that only matters to the red-flag screen (fever, swelling…).</param>
public sealed record Symptom(string Id, string Label, IReadOnlyList<string> Synonyms, IReadOnlyList<string> Complaints, bool RedFlag = false);

/// <summary>How long it has hurt, as the client would say it.</summary>
public enum PainDuration
{
    Days = 1,
    Weeks = 2,
    Months = 3,
    Years = 4,
}

/// <summary>The closed vocabularies of a referral query: activities and symptom words, with the synonyms people type.</summary>
public static class Vocabulary
{
    public static IReadOnlyList<Activity> Activities { get; } =
    [
        new("desk", "Desk or computer work", IsSport: false, IsPostural: true),
        new("standing", "Standing work", IsSport: false, IsPostural: true),
        new("driving", "Driving", IsSport: false, IsPostural: true),
        new("manual-work", "Manual work", IsSport: false, IsPostural: false),
        new("musician", "Playing an instrument", IsSport: false, IsPostural: true),
        new("running", "Running", IsSport: true, IsPostural: false),
        new("cycling", "Cycling", IsSport: true, IsPostural: false),
        new("lifting", "Lifting or gym work", IsSport: true, IsPostural: false),
        new("throwing", "Throwing sports", IsSport: true, IsPostural: false),
        new("racket-sports", "Racket sports", IsSport: true, IsPostural: false),
        new("swimming", "Swimming", IsSport: true, IsPostural: false),
    ];

    public static IReadOnlyList<Symptom> Symptoms { get; } =
    [
        new("headache", "Headache", ["headaches", "head-ache", "migraine"], ["tension-type-headache"]),
        new("ache", "Dull ache", ["aching", "dull", "sore", "soreness"], []),
        new("sharp", "Sharp or stabbing", ["stabbing", "shooting"], []),
        new("burning", "Burning", ["burn"], []),
        new("stiffness", "Stiffness", ["stiff", "tight", "tightness"], ["stiff-neck", "restricted-range", "hand-stiffness", "frozen-shoulder-like"]),
        new("cramp", "Cramps", ["cramps", "cramping", "spasm"], ["calf-cramps", "night-cramps", "side-stitch"]),
        new("weakness", "Weakness or giving way", ["weak", "giving-way", "buckling"], ["knee-buckling", "weak-ankle"]),
        new("numbness-tingling", "Numbness or tingling", ["numbness", "numb", "tingling", "pins-and-needles"], ["numbness-tingling", "carpal-tunnel-like", "sciatica-like"]),
        new("clicking", "Clicking jaw", ["clicking-jaw", "jaw-clicking", "popping"], ["clicking-jaw", "jaw-pain"]),
        new("tinnitus", "Ringing in the ear", ["ringing", "ringing-in-the-ears", "ear-ringing"], ["tinnitus", "ear-pain"]),
        new("dizziness", "Dizziness", ["dizzy", "vertigo", "light-headed"], ["dizziness"]),
        new("toothache", "Toothache-like pain", ["tooth-pain", "teeth"], ["toothache-like"]),

        // Red-flag words: they change the advice, not the ranking.
        new("breathlessness", "Short of breath", ["shortness-of-breath", "short-of-breath", "breathless"], [], RedFlag: true),
        new("fever", "Fever or feeling unwell", ["feverish", "temperature", "chills"], [], RedFlag: true),
        new("swelling", "Swelling", ["swollen"], [], RedFlag: true),
        new("redness-warmth", "Redness or warmth", ["redness", "red", "warmth", "warm", "hot"], [], RedFlag: true),
        new("night-pain", "Pain at night or at rest", ["pain-at-night", "rest-pain"], [], RedFlag: true),
        new("weight-loss", "Unexplained weight loss", ["unexplained-weight-loss", "losing-weight"], [], RedFlag: true),
        new("recent-injury", "Recent fall or injury", ["injury", "fall", "accident", "trauma"], [], RedFlag: true),
        new("sudden-severe", "Sudden, severe pain", ["sudden", "worst-ever", "thunderclap"], [], RedFlag: true),
        new("bladder-bowel", "Bladder or bowel changes", ["bladder", "bowel", "incontinence"], [], RedFlag: true),
    ];

    private static readonly FrozenDictionary<string, Activity> ActivityById =
        Activities.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Symptom> SymptomByWord = Symptoms
        .SelectMany(s => s.Synonyms.Prepend(s.Id).Select(word => (word, s)))
        .ToFrozenDictionary(x => x.word, x => x.s, StringComparer.Ordinal);

    public static Activity? FindActivity(string? id) =>
        id is null ? null : ActivityById.GetValueOrDefault(Normalize(id));

    /// <summary>The symptom a word names, after trimming, lower-casing and turning spaces into hyphens.</summary>
    public static Symptom? FindSymptom(string? word) =>
        word is null ? null : SymptomByWord.GetValueOrDefault(Normalize(word));

    private static string Normalize(string word) =>
        string.Join('-', word.Trim().ToLowerInvariant().Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries));
}
