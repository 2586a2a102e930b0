using Pinpoint.Core.Anatomy;

namespace Pinpoint.Core.Referral;

/// <summary>
/// The words of a referral answer, built from the regions' sentence forms (<see cref="BodyRegion.Phrase"/>) so
/// every place reads as English inside a sentence: "Trigger points in the left upper trapezius, at the top of
/// your left shoulder, commonly refer pain to your left temple." and "Explains your left temple and the back of
/// your neck on the left (main referral zone); can spill over to your left jaw joint."
/// </summary>
public sealed class ReferralExplanation(Atlas atlas)
{
    /// <summary>More unexplained places than this are counted, not listed.</summary>
    private const int MaxListedUnexplained = 3;

    /// <summary>The region's sentence form, or the id itself when the map has no such region.</summary>
    public string Place(string regionId) => atlas.FindRegion(regionId)?.Phrase ?? regionId;

    /// <summary>Places as an English list: "your left temple, your left ear and the back of your neck on the left".</summary>
    public string Places(IEnumerable<string> regionIds) => Places(regionIds, "and");

    // Lists are a handful of places: a linear check for repeats is cheaper than a set.
    private string Places(IEnumerable<string> regionIds, string conjunction)
    {
        var places = new List<string>(4);
        foreach (var id in regionIds)
        {
            var place = Place(id);
            if (!places.Contains(place, StringComparer.Ordinal))
            {
                places.Add(place);
            }
        }

        return List(places, conjunction);
    }

    /// <summary>"Trigger points in the left upper trapezius, at the top of your left shoulder, commonly refer pain to …"</summary>
    public string Sentence(Muscle muscle, BodySide? side, IReadOnlyList<string> triggerPointRegions, IReadOnlyList<ExplainedRegion> explains)
    {
        ArgumentNullException.ThrowIfNull(muscle);
        ArgumentNullException.ThrowIfNull(triggerPointRegions);
        ArgumentNullException.ThrowIfNull(explains);
        var essential = Places(explains.Where(e => e.Zone == ReferralZone.Essential).Select(e => e.RegionId));
        var spillover = Places(explains.Where(e => e.Zone == ReferralZone.Spillover).Select(e => e.RegionId));
        var refers = (essential, spillover) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => $"commonly refer pain to {essential}; they can also spill over to {spillover}",
            ({ Length: > 0 }, _) => $"commonly refer pain to {essential}",
            (_, { Length: > 0 }) => $"can refer pain to {spillover}",
            _ => "refer pain elsewhere",
        };
        var where = Places(triggerPointRegions);
        var who = MuscleInSentence(muscle, side);
        return where.Length > 0 ? $"Trigger points in {who}, at {where}, {refers}." : $"Trigger points in {who} {refers}.";
    }

    /// <summary>
    /// Why a candidate is listed: which of the marked places it explains, in which zone, and which it does not.
    /// Places marked at 0 are not pain and are left out.
    /// </summary>
    public string Reason(IReadOnlyList<ExplainedRegion> explains, IReadOnlyList<PainfulRegion> pain)
    {
        ArgumentNullException.ThrowIfNull(explains);
        ArgumentNullException.ThrowIfNull(pain);
        return Reason(explains, Painful(pain));
    }

    /// <summary>
    /// The ranked candidates with their reasons, how much of the marked pain each explains, and their bands
    /// (<see cref="LikelihoodBands.Of"/>), in the same order. Bands never improve down the list: a candidate ranked
    /// below an "also possible" one is at best "also possible" too, so the list reads from most to least likely.
    /// </summary>
    public IReadOnlyList<ReferralCandidate> Describe(IReadOnlyList<PainfulRegion> pain, IReadOnlyList<ReferralCandidate> ranked)
    {
        ArgumentNullException.ThrowIfNull(pain);
        ArgumentNullException.ThrowIfNull(ranked);
        var painful = Painful(pain);
        var top = ranked.Count == 0 ? 0 : ranked.Max(c => c.Score);
        var floor = LikelihoodBand.MostLikely;
        var described = new List<ReferralCandidate>(ranked.Count);
        foreach (var candidate in ranked)
        {
            var coverage = LikelihoodBands.Coverage(candidate.Explains, painful);
            floor = (LikelihoodBand)Math.Max((int)floor, (int)LikelihoodBands.Of(candidate.Score, top, coverage));
            described.Add(candidate with { Coverage = coverage, Band = floor, Reason = Reason(candidate.Explains, painful) });
        }

        return described;
    }

    // The marked places that hurt, each once, in the order marked.
    private static List<PainfulRegion> Painful(IReadOnlyList<PainfulRegion> pain) =>
        [.. pain.Where(p => p.Intensity > 0).DistinctBy(p => p.RegionId)];

    private string Reason(IReadOnlyList<ExplainedRegion> explains, List<PainfulRegion> painful)
    {
        bool Hurts(string regionId) => painful.Exists(p => p.RegionId == regionId);
        bool Explained(string regionId) => explains.Any(e => e.RegionId == regionId);
        var essential = Places(explains.Where(e => e.Zone == ReferralZone.Essential && Hurts(e.RegionId)).Select(e => e.RegionId));
        var spillover = Places(explains.Where(e => e.Zone == ReferralZone.Spillover && Hurts(e.RegionId)).Select(e => e.RegionId));
        var reason = (essential, spillover) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => $"Explains {essential} (main referral zone); can spill over to {spillover}.",
            ({ Length: > 0 }, _) => $"Explains {essential} (main referral zone).",
            (_, { Length: > 0 }) => $"Explains {spillover} only as spillover, which some people feel and others do not.",
            _ => "Explains none of the places you marked.",
        };
        var unexplained = painful.Where(p => !Explained(p.RegionId)).Select(p => p.RegionId).ToList();
        return unexplained.Count switch
        {
            0 => reason,
            <= MaxListedUnexplained => $"{reason} Does not explain {Places(unexplained, "or")}.",
            _ => $"{reason} Does not explain {unexplained.Count} of the other places you marked.",
        };
    }

    /// <summary>
    /// The muscle as it reads in a sentence, with its side: "the left upper trapezius", "the sternal head of the
    /// left sternocleidomastoid", "the abductor digiti minimi of the right hand", "the left lumbar multifidi and rotatores".
    /// </summary>
    public static string MuscleInSentence(Muscle muscle, BodySide? side)
    {
        ArgumentNullException.ThrowIfNull(muscle);
        var sided = side switch { BodySide.Left => "left ", BodySide.Right => "right ", _ => "" };
        var name = Lower(muscle.Name.Trim());

        // "Sternocleidomastoid, sternal head" → "the sternal head of the left sternocleidomastoid"
        var comma = name.IndexOf(", ", StringComparison.Ordinal);
        if (comma > 0)
        {
            return $"the {name[(comma + 2)..]} of the {sided}{name[..comma]}";
        }

        // "Interossei of the foot" → "the interossei of the left foot"
        foreach (var part in (string[])["hand", "foot"])
        {
            if (name.EndsWith($" of the {part}", StringComparison.Ordinal))
            {
                return $"the {name[..^$" of the {part}".Length]} of the {sided}{part}";
            }

            // "Abductor digiti minimi (hand)" → "the abductor digiti minimi of the left hand"
            if (name.EndsWith($" ({part})", StringComparison.Ordinal))
            {
                return $"the {name[..^$" ({part})".Length]} of the {sided}{part}";
            }
        }

        // "Multifidi and rotatores (lumbar)" → "the left lumbar multifidi and rotatores"
        if (name.EndsWith(')') && name.LastIndexOf(" (", StringComparison.Ordinal) is var open and > 0 &&
            name[(open + 2)..^1] is var qualifier && qualifier.All(char.IsLower))
        {
            return $"the {sided}{qualifier} {name[..open]}";
        }

        return $"the {sided}{name}";
    }

    /// <summary>The text with its first letter in capitals, for the start of a sentence.</summary>
    public static string Capitalise(string text) =>
        string.IsNullOrEmpty(text) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string List(List<string> items, string conjunction) => items.Count switch
    {
        0 => "",
        1 => items[0],
        2 => $"{items[0]} {conjunction} {items[1]}",
        _ => $"{string.Join(", ", items.GetRange(0, items.Count - 1))} {conjunction} {items[^1]}",
    };

    // "Upper trapezius" → "upper trapezius"; an initialism ("QL") keeps its capitals.
    private static string Lower(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
