using NodaTime;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Intake;

namespace Pinpoint.Core.Clinical;

/// <summary>Active trigger points cause the pain the client feels now; latent ones are tender and refer only when pressed.</summary>
public enum TriggerPointActivity
{
    Active = 1,
    Latent = 2,
}

/// <summary>
/// One trigger point the therapist found and treated, recorded as data on the body chart: which muscle (atlas id) and
/// side, where on the map (a region id), how it behaved under the finger and what was done about it.
/// </summary>
public sealed record TriggerPointFinding
{
    public string MuscleId { get; init; } = "";

    public BodySide? Side { get; init; }

    /// <summary>Where on the body map the point lies (an atlas region id).</summary>
    public string RegionId { get; init; } = "";

    public TriggerPointActivity Activity { get; init; } = TriggerPointActivity.Active;

    /// <summary>Tenderness reported on pressure, 0–10.</summary>
    public int Tenderness { get; init; }

    /// <summary>Pressing it reproduced the client's familiar referred pain.</summary>
    public bool ReferralReproduced { get; init; }

    /// <summary>A local twitch response was seen or felt.</summary>
    public bool LocalTwitch { get; init; }

    public IReadOnlyList<string> Techniques { get; init; } = [];

    /// <summary>The pressure the client tolerated (gentle, medium, firm).</summary>
    public string PressureTolerated { get; init; } = IntakeChoices.GentlePressure;

    public string? Note { get; init; }
}

/// <summary>A session's SOAP note. The client summary is written for the client; the rest is the therapist's record.</summary>
public sealed record SoapNote
{
    /// <summary>Subjective: what the client reports today.</summary>
    public string? Subjective { get; init; }

    /// <summary>Pain before the session, 0–10 (NPRS).</summary>
    public int? PainBefore { get; init; }

    /// <summary>Objective: the body chart of trigger points found.</summary>
    public IReadOnlyList<TriggerPointFinding> Findings { get; init; } = [];

    /// <summary>Objective observations that are not trigger points (posture, range of motion).</summary>
    public string? Observations { get; init; }

    public string? Assessment { get; init; }

    public string? Plan { get; init; }

    /// <summary>Pain after the session, 0–10 (NPRS).</summary>
    public int? PainAfter { get; init; }

    /// <summary>What the client is told, in plain language; shown on their session summary.</summary>
    public string? ClientSummary { get; init; }
}

/// <summary>The manual techniques a finding can record.</summary>
public static class Techniques
{
    public static IReadOnlyList<Choice> All { get; } =
    [
        new("ischemic-compression", "Ischemic compression (sustained pressure)"),
        new("stripping", "Stripping massage along the band"),
        new("stretch-and-spray", "Stretch-and-spray style stretching (cold, then stretch)"),
        new("pin-and-stretch", "Pin and stretch"),
        new("muscle-energy", "Muscle energy technique (contract-relax)"),
        new("myofascial-release", "Myofascial release"),
        new("cross-fibre-friction", "Cross-fibre friction"),
        new("heat", "Moist heat"),
    ];

    public static string LabelOf(string id) => All.FirstOrDefault(t => t.Id == id)?.Label ?? id;
}

/// <summary>
/// Clinical record integrity: a note is a draft until signed; signing locks it, and a draft left unsigned locks itself
/// 24 hours after the session ends. After that only addenda (author and time kept) may add to it.
/// </summary>
public static class NoteLifecycle
{
    public static Duration AutoSignAfter { get; } = Duration.FromHours(24);

    /// <summary>When an unsigned note of a session that ended at <paramref name="sessionEnd"/> signs itself.</summary>
    public static Instant AutoSignsAt(Instant sessionEnd) => sessionEnd + AutoSignAfter;

    public static bool IsLocked(Instant? signedAt, Instant sessionEnd, Instant now) => signedAt is not null || now >= AutoSignsAt(sessionEnd);
}

/// <summary>Field errors for a SOAP note, keyed like the JSON (<c>findings[1].muscleId</c>).</summary>
public static class SoapNoteValidation
{
    public const int MaxTextLength = 4000;
    public const int MaxFindings = 40;

    /// <summary>What a draft may hold: anything missing, nothing wrong.</summary>
    public static IReadOnlyDictionary<string, string[]> ForDraft(SoapNote note, Atlas atlas)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(atlas);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Text(errors, "subjective", note.Subjective);
        Text(errors, "observations", note.Observations);
        Text(errors, "assessment", note.Assessment);
        Text(errors, "plan", note.Plan);
        Text(errors, "clientSummary", note.ClientSummary);
        Score(errors, "painBefore", note.PainBefore);
        Score(errors, "painAfter", note.PainAfter);
        if (note.Findings.Count > MaxFindings)
        {
            errors["findings"] = [$"A note holds at most {MaxFindings} trigger points."];
        }

        for (var i = 0; i < note.Findings.Count; i++)
        {
            Finding(errors, $"findings[{i}]", note.Findings[i], atlas);
        }

        return errors;
    }

    /// <summary>What a signed note needs on top: pain before and after, the client's report, assessment and plan.</summary>
    public static IReadOnlyDictionary<string, string[]> ForSigning(SoapNote note, Atlas atlas)
    {
        var errors = new Dictionary<string, string[]>(ForDraft(note, atlas), StringComparer.Ordinal);
        Required(errors, "subjective", note.Subjective, "Write what the client reported today.");
        Required(errors, "assessment", note.Assessment, "Write your assessment.");
        Required(errors, "plan", note.Plan, "Write the plan for the next session and home care.");
        if (note.PainBefore is null)
        {
            errors.TryAdd("painBefore", ["Record the client's pain before the session (0–10)."]);
        }

        if (note.PainAfter is null)
        {
            errors.TryAdd("painAfter", ["Record the client's pain after the session (0–10)."]);
        }

        return errors;
    }

    private static void Finding(Dictionary<string, string[]> errors, string at, TriggerPointFinding finding, Atlas atlas)
    {
        if (finding is null)
        {
            errors[at] = ["A trigger point is required here."];
            return;
        }

        var muscle = atlas.FindMuscle(finding.MuscleId ?? "");
        if (muscle is null)
        {
            errors[$"{at}.muscleId"] = [$"Unknown muscle '{finding.MuscleId}'. Use an id from /api/muscles."];
        }
        else if (muscle.Paired && finding.Side is null)
        {
            errors[$"{at}.side"] = [$"Say which side's {muscle.Name}: left or right."];
        }

        if (finding.Side is { } side && !Enum.IsDefined(side))
        {
            errors[$"{at}.side"] = ["The side is left or right."];
        }

        if (atlas.FindRegion(finding.RegionId ?? "") is not { } region)
        {
            errors[$"{at}.regionId"] = [$"Unknown body map region '{finding.RegionId}'. Use an id from /api/body-map/regions."];
        }
        else if (finding.Side is { } pointSide && region.Side is { } regionSide && pointSide != regionSide)
        {
            errors[$"{at}.regionId"] = [$"The region '{region.Label}' is on the {regionSide.ToString().ToLowerInvariant()} side, the point on the {pointSide.ToString().ToLowerInvariant()}."];
        }

        if (!Enum.IsDefined(finding.Activity))
        {
            errors[$"{at}.activity"] = ["A trigger point is active or latent."];
        }

        if (finding.Tenderness is < 0 or > 10)
        {
            errors[$"{at}.tenderness"] = ["Tenderness is 0 to 10."];
        }

        var unknown = (finding.Techniques ?? []).Where(t => !IntakeChoices.IsIn(Techniques.All, t)).ToList();
        if (unknown.Count > 0)
        {
            errors[$"{at}.techniques"] = [$"Unknown technique {string.Join(", ", unknown.Select(t => $"'{t}'"))}: use {string.Join(", ", Techniques.All.Select(t => t.Id))}."];
        }

        if (!IntakeChoices.IsIn(IntakeChoices.Pressures, finding.PressureTolerated))
        {
            errors[$"{at}.pressureTolerated"] = ["The pressure tolerated is gentle, medium or firm."];
        }

        Text(errors, $"{at}.note", finding.Note, 500);
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int max = MaxTextLength)
    {
        if (value is { Length: var length } && length > max)
        {
            errors[field] = [$"At most {max} characters."];
        }
    }

    private static void Required(Dictionary<string, string[]> errors, string field, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.TryAdd(field, [message]);
        }
    }

    private static void Score(Dictionary<string, string[]> errors, string field, int? value)
    {
        if (value is < 0 or > 10)
        {
            errors[field] = ["Pain is scored 0 (none) to 10 (worst imaginable)."];
        }
    }
}
