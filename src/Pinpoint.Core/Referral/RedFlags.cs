using Pinpoint.Core.Anatomy;

namespace Pinpoint.Core.Referral;

public enum RedFlagUrgency
{
    /// <summary>See a doctor before booking.</summary>
    SeeDoctor = 1,

    /// <summary>Call emergency services or go to an emergency department now.</summary>
    Emergency = 2,
}

/// <summary>Advice to see a doctor first, with the marked regions that raised it.</summary>
public sealed record RedFlag(string Code, RedFlagUrgency Urgency, string Message, IReadOnlyList<string> Regions);

/// <summary>
/// Patterns where pain may not be muscular and a doctor must look first: the screening questions clinicians ask
/// before manual therapy (cardiac chest pain, deep vein thrombosis, meningism, cauda equina, malignancy,
/// fracture). They never change the ranking; they sit above it. Conservative on purpose: a false alarm costs a
/// doctor's visit, a miss can cost far more.
/// </summary>
public static class RedFlags
{
    private sealed record Rule(string Code, RedFlagUrgency Urgency, string Message, Func<Context, IReadOnlyList<string>?> Match);

    private sealed record Context(IReadOnlyList<BodyRegion> Regions, IReadOnlySet<string> Symptoms)
    {
        public bool Has(string symptom) => Symptoms.Contains(symptom);

        public List<string> In(params string[] parents) =>
            [.. Regions.Where(r => parents.Contains(r.Parent, StringComparer.Ordinal)).Select(r => r.Id)];

        public List<string> Where(Func<BodyRegion, bool> predicate) => [.. Regions.Where(predicate).Select(r => r.Id)];
    }

    private static readonly Rule[] Rules =
    [
        new("chest-pain-breathlessness", RedFlagUrgency.Emergency,
            "Chest pain with shortness of breath can come from the heart or lungs. Call 000 now if it is sudden, severe, " +
            "or spreads to your arm, jaw or back; otherwise see a doctor before booking.",
            c => c.Has("breathlessness") ? NonEmpty(c.In("chest")) : null),
        new("chest-pain-arm-jaw", RedFlagUrgency.SeeDoctor,
            "Chest pain together with left arm or jaw pain can come from the heart. Please have a doctor rule that out " +
            "before booking, and call 000 if it comes on with exertion, sweating or nausea.",
            c => !c.Has("breathlessness") && c.In("chest").Count > 0 && c.Where(IsCardiacReferralSite).Count > 0
                ? [.. c.In("chest"), .. c.Where(IsCardiacReferralSite)]
                : null),
        new("suspected-dvt", RedFlagUrgency.SeeDoctor,
            "Calf or leg pain with swelling, redness or warmth can be a blood clot (deep vein thrombosis). See a doctor " +
            "today, and do not have the leg massaged until it has been ruled out.",
            c => c.Has("swelling") || c.Has("redness-warmth") ? NonEmpty(c.In("leg", "knee")) : null),
        new("fever-headache-neck", RedFlagUrgency.Emergency,
            "Headache or neck pain with fever can be a serious infection such as meningitis. Seek medical care now.",
            c => c.Has("fever") ? NonEmpty(c.In("head", "neck")) : null),
        new("fever", RedFlagUrgency.SeeDoctor,
            "Massage is not advised during a fever or infection. See a doctor if it persists, and book once you are well.",
            c => c.Has("fever") && c.In("head", "neck").Count == 0 ? [] : null),
        new("sudden-severe-headache", RedFlagUrgency.Emergency,
            "A sudden, severe headache — the worst you have had — needs emergency care. Call 000.",
            c => c.Has("sudden-severe") ? NonEmpty(c.In("head", "face")) : null),
        new("sudden-severe-pain", RedFlagUrgency.SeeDoctor,
            "Pain that came on suddenly and severely without a clear cause should be checked by a doctor first.",
            c => c.Has("sudden-severe") && c.In("head", "face").Count == 0 ? [] : null),
        new("cauda-equina", RedFlagUrgency.Emergency,
            "New bladder or bowel changes, or numbness around the groin and seat, with back or leg pain can mean " +
            "pressure on the spinal nerves. Go to an emergency department now.",
            c => c.Has("bladder-bowel") || (c.Has("numbness-tingling") && c.Where(r => r.Id == "perineum").Count > 0)
                ? c.Where(r => r.Id == "perineum" || r.Parent is "low-back" or "buttock")
                : null),
        new("night-pain-weight-loss", RedFlagUrgency.SeeDoctor,
            "Pain at night or at rest together with unexplained weight loss should be checked by a doctor before treatment.",
            c => c.Has("night-pain") && c.Has("weight-loss") ? [] : null),
        new("recent-injury", RedFlagUrgency.SeeDoctor,
            "After a fall or injury, see a doctor first to rule out a fracture or tear; trigger point work can help once it has healed.",
            c => c.Has("recent-injury") ? [] : null),
        new("numbness-weakness", RedFlagUrgency.SeeDoctor,
            "Numbness together with weakness can come from a nerve or the spine rather than a muscle. Have it checked by a doctor first.",
            c => c.Has("numbness-tingling") && c.Has("weakness") ? [] : null),
    ];

    /// <summary>The codes every rule can raise, for documentation and tests.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. Rules.Select(r => r.Code)];

    /// <summary>The red flags a valid query raises, most urgent first.</summary>
    public static IReadOnlyList<RedFlag> Check(Atlas atlas, ReferralQuery query)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        ArgumentNullException.ThrowIfNull(query);
        var context = new Context(
            [.. query.Regions.Where(r => r.Intensity > 0).Select(r => atlas.FindRegion(r.RegionId)).OfType<BodyRegion>()],
            query.RecogniseSymptoms().Symptoms.ToHashSet(StringComparer.Ordinal));
        return [.. Rules
            .Select(rule => (rule, regions: rule.Match(context)))
            .Where(x => x.regions is not null)
            .OrderByDescending(x => x.rule.Urgency)
            .Select(x => new RedFlag(x.rule.Code, x.rule.Urgency, x.rule.Message, [.. x.regions!.Distinct(StringComparer.Ordinal)]))];
    }

    // Where heart pain is classically felt besides the chest: the jaw and the inside of the left arm.
    private static bool IsCardiacReferralSite(BodyRegion region) =>
        region.BaseId is "jaw" or "lower-jaw" ||
        (region.Side == BodySide.Left && region.Parent is "upper-arm" or "elbow" or "forearm");

    private static List<string>? NonEmpty(List<string> regions) => regions.Count > 0 ? regions : null;
}
