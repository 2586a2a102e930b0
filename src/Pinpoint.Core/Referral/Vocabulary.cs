using System.Collections.Frozen;

namespace Pinpoint.Core.Referral;

/// <summary>An activity profile the client can pick; the atlas links muscles to the activities that strain them.</summary>
/// <param name="IsSport">Training load and overuse: points to Sports trigger point therapy.</param>
/// <param name="IsPostural">Long static postures: points to posture-aware, systematic work.</param>
public sealed record Activity(string Id, string Label, bool IsSport, bool IsPostural);

/// <summary>What a word of the client's tells us.</summary>
public enum TermKind
{
    /// <summary>How the pain feels or behaves (sharp, stiffness, tingling).</summary>
    Symptom = 1,

    /// <summary>A condition the client has been told of or names their pain by (tennis elbow, sciatica).</summary>
    Condition = 2,

    /// <summary>A symptom that only matters to the red-flag screen (fever, swelling…).</summary>
    RedFlag = 3,
}

/// <summary>
/// A word the client can use: a symptom, a condition, or a red-flag symptom. <see cref="Complaints"/> are the atlas
/// complaints it supports (a muscle listing one of them ranks a little higher); red-flag symptoms have none and only
/// feed the warnings. A condition's id is the atlas complaint it names (<c>tennis-elbow-like</c>).
/// </summary>
/// <param name="Synonyms">The words people type for it; matched regardless of case, hyphens, apostrophes and a plural s.</param>
public sealed record Symptom(string Id, string Label, IReadOnlyList<string> Synonyms, IReadOnlyList<string> Complaints, TermKind Kind = TermKind.Symptom)
{
    /// <summary>A word that only matters to the red-flag screen (fever, swelling…).</summary>
    public bool RedFlag => Kind == TermKind.RedFlag;
}

/// <summary>How long it has hurt, as the client would say it.</summary>
public enum PainDuration
{
    Days = 1,
    Weeks = 2,
    Months = 3,
    Years = 4,
}

/// <summary>
/// The vocabularies of a referral query: activities (closed), and the symptom and condition words people type with
/// their synonyms. <see cref="Recognise"/> reads free text against them.
/// </summary>
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

    /// <summary>Symptoms and red-flag symptoms: the checkboxes of the page.</summary>
    public static IReadOnlyList<Symptom> Symptoms { get; } =
    [
        new("headache", "Headache", ["headaches", "head-ache", "migraine", "head pain"], ["tension-type-headache"]),
        new("ache", "Dull ache", ["aching", "achy", "dull", "dull ache", "deep ache", "sore", "soreness"], []),
        new("sharp", "Sharp or stabbing", ["stabbing", "shooting", "piercing", "knife-like", "sharp pain"], []),
        new("burning", "Burning", ["burn", "burning pain"], []),
        new("stiffness", "Stiffness", ["stiff", "tight", "tightness", "tense"], ["stiff-neck", "restricted-range", "hand-stiffness", "frozen-shoulder-like"]),
        new("cramp", "Cramps", ["cramps", "cramping", "spasm", "charley horse"], ["calf-cramps", "night-cramps", "side-stitch"]),
        new("weakness", "Weakness or giving way", ["weak", "giving-way", "gives way", "buckling"], ["knee-buckling", "weak-ankle"]),
        new("numbness-tingling", "Numbness or tingling", ["numbness", "numb", "tingling", "tingle", "tingly", "pins-and-needles", "prickling"], ["numbness-tingling", "carpal-tunnel-like", "sciatica-like"]),
        new("clicking", "Clicking jaw", ["clicking-jaw", "jaw-clicking", "jaw clicks", "jaw popping", "popping"], ["clicking-jaw", "jaw-pain"]),
        new("tinnitus", "Ringing in the ear", ["ringing", "ringing-in-the-ears", "ear-ringing", "ringing ears"], ["tinnitus", "ear-pain"]),
        new("dizziness", "Dizziness", ["dizzy", "vertigo", "light-headed"], ["dizziness"]),
        new("toothache", "Toothache-like pain", ["tooth-pain", "teeth", "tooth ache"], ["toothache-like"]),

        // Red-flag words: they change the advice, not the ranking.
        new("breathlessness", "Short of breath", ["shortness-of-breath", "short-of-breath", "breathless", "out of breath", "difficulty breathing"], [], TermKind.RedFlag),
        new("fever", "Fever or feeling unwell", ["feverish", "temperature", "high temperature", "chills", "night sweats", "unwell"], [], TermKind.RedFlag),
        new("swelling", "Swelling", ["swollen", "swell", "puffy"], [], TermKind.RedFlag),
        new("redness-warmth", "Redness or warmth", ["redness", "red", "warmth", "warm", "hot", "hot to the touch"], [], TermKind.RedFlag),
        new("night-pain", "Pain at night or at rest", ["pain-at-night", "night pain", "rest-pain", "pain at rest", "worse at night"], [], TermKind.RedFlag),
        new("weight-loss", "Unexplained weight loss", ["unexplained-weight-loss", "weight loss", "losing-weight", "lost weight"], [], TermKind.RedFlag),
        new("recent-injury", "Recent fall or injury", ["injury", "injured", "fall", "fell", "accident", "trauma", "whiplash", "sprain", "sprained"], [], TermKind.RedFlag),
        new("sudden-severe", "Sudden, severe pain", ["sudden", "suddenly", "worst-ever", "worst headache", "thunderclap"], [], TermKind.RedFlag),
        new("bladder-bowel", "Bladder or bowel changes", ["bladder", "bowel", "incontinence"], [], TermKind.RedFlag),
    ];

    /// <summary>
    /// Conditions people name their pain by, each keyed by the atlas complaint it stands for, so a muscle that
    /// lists the complaint ranks a little higher. They are words, not diagnoses: "tennis elbow" means pain like
    /// tennis elbow.
    /// </summary>
    public static IReadOnlyList<Symptom> Conditions { get; } =
    [
        Condition("tension-type-headache", "Tension headache", "tension headache", "tension-type headache", "tension headaches", "stress headache"),
        Condition("eye-pain", "Eye pain", "eye pain", "sore eyes", "pain behind the eye"),
        Condition("facial-pain", "Face pain", "face pain", "facial pain", "sinus pain"),
        Condition("jaw-pain", "Jaw pain or TMJ", "jaw pain", "jaw ache", "tmj", "tmd", "tmj pain", "tmj disorder"),
        Condition("ear-pain", "Earache", "earache", "ear pain", "ear ache"),
        Condition("sore-throat-like", "Sore throat", "sore throat", "throat pain"),
        Condition("neck-pain", "Neck pain", "neck pain", "sore neck", "neck ache"),
        Condition("stiff-neck", "Stiff neck", "stiff neck", "wry neck", "crick in the neck", "torticollis"),
        Condition("restricted-range", "Limited movement", "limited movement", "restricted movement", "limited range of motion", "restricted range"),
        Condition("shoulder-pain", "Shoulder pain", "shoulder pain", "sore shoulder", "rotator cuff", "impingement"),
        Condition("frozen-shoulder-like", "Frozen shoulder", "frozen shoulder", "frozen-shoulder-like", "adhesive capsulitis"),
        Condition("arm-pain", "Arm pain", "arm pain", "sore arm"),
        Condition("tennis-elbow-like", "Tennis elbow", "tennis elbow", "tennis-elbow-like", "lateral epicondylitis", "lateral epicondylalgia"),
        Condition("golfers-elbow-like", "Golfer's elbow", "golfer's elbow", "golfers-elbow-like", "medial epicondylitis"),
        Condition("wrist-pain", "Wrist pain", "wrist pain", "sore wrist"),
        Condition("carpal-tunnel-like", "Carpal tunnel", "carpal tunnel", "carpal tunnel syndrome", "carpal-tunnel-like", "cts"),
        Condition("thumb-pain", "Thumb pain", "thumb pain", "sore thumb"),
        Condition("finger-pain", "Finger pain", "finger pain", "sore fingers"),
        Condition("palm-pain", "Palm pain", "palm pain"),
        Condition("hand-stiffness", "Stiff hands", "stiff hands", "stiff fingers", "hand stiffness"),
        Condition("trigger-finger-like", "Trigger finger", "trigger finger", "trigger thumb", "locking finger"),
        Condition("chest-pain-non-cardiac", "Chest pain", "chest pain", "chest wall pain", "rib pain"),
        Condition("breast-pain", "Breast pain", "breast pain", "sore breasts"),
        Condition("side-stitch", "Side stitch", "side stitch", "stitch"),
        Condition("upper-back-pain", "Upper back pain", "upper back pain", "pain between the shoulder blades"),
        Condition("mid-back-pain", "Mid back pain", "mid back pain", "middle back pain"),
        Condition("low-back-pain", "Low back pain", "low back pain", "lower back pain", "back pain", "backache", "lumbago"),
        Condition("abdominal-pain", "Abdominal pain", "abdominal pain", "stomach ache", "tummy ache", "belly pain"),
        Condition("heartburn-like", "Heartburn", "heartburn", "reflux", "indigestion"),
        Condition("menstrual-pain-like", "Period pain", "period pain", "menstrual pain", "period cramps", "menstrual cramps"),
        Condition("buttock-pain", "Buttock pain", "buttock pain", "sore bottom", "glute pain"),
        Condition("tailbone-pain", "Tailbone pain", "tailbone pain", "coccyx pain", "coccydynia"),
        Condition("pelvic-pain", "Pelvic pain", "pelvic pain"),
        Condition("sciatica-like", "Sciatica", "sciatica", "sciatica-like", "sciatic pain", "sciatic nerve pain", "piriformis syndrome"),
        Condition("hip-pain", "Hip pain", "hip pain", "sore hip", "hip bursitis", "trochanteric bursitis"),
        Condition("groin-pain", "Groin pain", "groin pain", "groin strain"),
        Condition("thigh-pain", "Thigh pain", "thigh pain"),
        Condition("knee-pain", "Knee pain", "knee pain", "sore knee", "runner's knee", "patellofemoral pain"),
        Condition("knee-buckling", "Knee giving way", "knee giving way", "knee gives way", "knee buckling"),
        Condition("stuck-kneecap", "Stuck kneecap", "stuck kneecap", "locked kneecap"),
        Condition("shin-splints-like", "Shin splints", "shin splints", "shin-splints-like", "shin pain", "medial tibial stress syndrome"),
        Condition("calf-cramps", "Calf cramps", "calf cramps", "cramp in the calf", "calf cramp"),
        Condition("night-cramps", "Night cramps", "night cramps", "cramps at night", "leg cramps at night"),
        Condition("ankle-pain", "Ankle pain", "ankle pain", "sore ankle"),
        Condition("weak-ankle", "Weak ankle", "weak ankle", "unstable ankle", "rolling ankle", "ankle giving way"),
        Condition("heel-pain", "Heel pain", "heel pain", "plantar fasciitis", "heel spur", "achilles pain", "achilles tendinitis", "achilles tendinopathy"),
        Condition("plantar-pain", "Pain in the sole", "sole pain", "foot arch pain", "arch pain", "pain under the foot"),
        Condition("foot-pain", "Foot pain", "foot pain", "sore feet", "sore foot"),
        Condition("toe-pain", "Toe pain", "toe pain", "big toe pain", "sore toes"),
    ];

    /// <summary>Every word the vocabulary knows: symptoms, red flags, then conditions.</summary>
    public static IReadOnlyList<Symptom> Terms { get; } = [.. Symptoms, .. Conditions];

    private static readonly FrozenDictionary<string, Activity> ActivityById =
        Activities.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);

    public static Activity? FindActivity(string? id) =>
        id is null ? null : ActivityById.GetValueOrDefault(
            string.Join('-', id.Trim().ToLowerInvariant().Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>
    /// The symptom or condition one word or phrase names as a whole ("pins and needles", "Tennis-Elbow"), after
    /// lower-casing and ignoring hyphens, spaces, apostrophes and a plural s; null when it is not one term.
    /// Use <see cref="Recognise"/> for free text.
    /// </summary>
    public static Symptom? FindSymptom(string? word) => word is null ? null : TermReader.Find(word);

    /// <summary>
    /// Reads free text ("sciatica-like, shooting", "tennis elbow and pins and needles", "no fever") into the terms
    /// it names and the words it could not use. Never throws; see <see cref="RecognisedTerms"/>.
    /// </summary>
    public static RecognisedTerms Recognise(IEnumerable<string?>? texts) => TermReader.Read(texts);

    private static Symptom Condition(string complaint, string label, params string[] synonyms) =>
        new(complaint, label, synonyms, [complaint], TermKind.Condition);
}
