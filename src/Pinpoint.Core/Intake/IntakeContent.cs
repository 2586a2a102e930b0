using Pinpoint.Core.Referral;
using Pinpoint.Core.Screening;

namespace Pinpoint.Core.Intake;

/// <summary>A closed list of answers: stable ids with the label shown to people.</summary>
public sealed record Choice(string Id, string Label);

/// <summary>
/// Everything a client tells us before the first visit. Every part may be missing while it is a draft;
/// <see cref="IntakeValidation.ForSubmission"/> says what a submitted intake needs.
/// </summary>
public sealed record IntakeContent
{
    public IReadOnlyList<PainfulRegion> Regions { get; init; } = [];

    public PainDuration? Duration { get; init; }

    public string? Better { get; init; }

    public string? Worse { get; init; }

    public IReadOnlyList<string> Complaints { get; init; } = [];

    public IReadOnlyList<string> Goals { get; init; } = [];

    public string? Activity { get; init; }

    public SessionPreferences Preferences { get; init; } = new();

    public IReadOnlyDictionary<string, ScreeningAnswer?> Screening { get; init; } = new Dictionary<string, ScreeningAnswer?>();

    /// <summary>
    /// The content as a JSON caller may really send it, with <c>null</c> where a list or the preferences belong and
    /// <c>null</c> items inside lists: read as "none", so validation speaks about values, not about missing objects.
    /// </summary>
    public IntakeContent Normalized()
    {
        var preferences = (SessionPreferences?)Preferences ?? new SessionPreferences();
        return this with
        {
            Regions = (IReadOnlyList<PainfulRegion>?)Regions ?? [],
            Complaints = [.. ((IReadOnlyList<string?>?)Complaints ?? []).OfType<string>()],
            Goals = [.. ((IReadOnlyList<string?>?)Goals ?? []).OfType<string>()],
            Preferences = preferences with { AvoidRegions = [.. ((IReadOnlyList<string?>?)preferences.AvoidRegions ?? []).OfType<string>()] },
            Screening = (IReadOnlyDictionary<string, ScreeningAnswer?>?)Screening ?? new Dictionary<string, ScreeningAnswer?>(),
        };
    }
}

/// <summary>How the client likes an in-home session. Gentle pressure is the default: it need not hurt to work.</summary>
public sealed record SessionPreferences
{
    public string Pressure { get; init; } = IntakeChoices.GentlePressure;

    public IReadOnlyList<string> AvoidRegions { get; init; } = [];

    public string TherapistGender { get; init; } = "any";

    public string Scent { get; init; } = "none";

    public string? ScentSensitivities { get; init; }

    public string Music { get; init; } = "quiet";

    public string Lighting { get; init; } = "soft";

    public string RoomTemperature { get; init; } = "warm";

    public string? Parking { get; init; }

    public bool Stairs { get; init; }

    public string? Pets { get; init; }

    public string? AccessNotes { get; init; }

    /// <summary>For a client under 18: the adult who will be present.</summary>
    public string? AdultPresentForMinor { get; init; }
}

/// <summary>The closed lists of the intake form.</summary>
public static class IntakeChoices
{
    public const string GentlePressure = "gentle";

    public static IReadOnlyList<Choice> Complaints { get; } =
    [
        new("tension-headaches", "Tension headaches"), new("jaw-pain", "Jaw pain or clenching"), new("neck-shoulder-pain", "Neck and shoulder pain"),
        new("upper-back-pain", "Upper back pain"), new("low-back-pain", "Low back pain"), new("sciatica-like-pain", "Sciatica-like pain down the leg"),
        new("hip-pain", "Hip pain"), new("knee-pain", "Knee pain"), new("arm-hand-pain", "Arm, wrist or hand pain"),
        new("heel-pain", "Heel or foot pain"), new("fibromyalgia", "Fibromyalgia"), new("sports-soreness", "Sports soreness or overuse"),
    ];

    public static IReadOnlyList<Choice> Goals { get; } =
    [
        new("pain-relief", "Less pain"), new("mobility", "Move more freely"), new("posture", "Better posture"), new("stress", "Less stress"),
        new("sleep", "Better sleep"), new("sport-recovery", "Recover from training"), new("sport-performance", "Perform better in sport"),
    ];

    public static IReadOnlyList<Choice> Pressures { get; } =
        [new(GentlePressure, "Gentle (recommended to start)"), new("medium", "Medium"), new("firm", "Firm, on request")];

    public static IReadOnlyList<Choice> TherapistGenders { get; } =
        [new("any", "No preference"), new("female", "A female therapist"), new("male", "A male therapist")];

    public static IReadOnlyList<Choice> Scents { get; } =
        [new("none", "No scent"), new("lavender", "Lavender"), new("eucalyptus", "Eucalyptus"), new("citrus", "Citrus"), new("peppermint", "Peppermint")];

    public static IReadOnlyList<Choice> Music { get; } =
        [new("quiet", "Quiet"), new("calm", "Calm music"), new("my-own", "I will play my own")];

    public static IReadOnlyList<Choice> Lighting { get; } =
        [new("soft", "Soft, dimmed"), new("natural", "Natural daylight"), new("bright", "Bright")];

    public static IReadOnlyList<Choice> RoomTemperatures { get; } =
        [new("cool", "Cool"), new("neutral", "Neutral"), new("warm", "Warm")];

    public static bool IsIn(IReadOnlyList<Choice> choices, string? id) => choices.Any(c => string.Equals(c.Id, id, StringComparison.Ordinal));
}
