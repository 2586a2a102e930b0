using Pinpoint.Core.Anatomy;

namespace Pinpoint.Core.Clinical;

/// <summary>One treated trigger point as the client reads it.</summary>
public sealed record SummaryPoint(string Muscle, string Where, bool SourceOfYourPain, string Treatment);

/// <summary>What the client is told after a session: what was found and treated, in plain words, and pain before/after.</summary>
public sealed record SessionSummary(IReadOnlyList<SummaryPoint> Points, int? PainBefore, int? PainAfter, string? FromYourTherapist, string Headline);

/// <summary>
/// Turns a note into the client's summary: muscle names without jargon about activity or twitch responses, a plain
/// sentence about what happened, and the therapist's own words for the client. The private working notes
/// (subjective, observations, assessment, plan, per-point notes) are never copied into it.
/// </summary>
public static class SessionSummaries
{
    public static SessionSummary For(SoapNote note, Atlas atlas)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(atlas);
        var points = note.Findings
            .Select(f => new SummaryPoint(
                Muscle(f, atlas), atlas.LabelOf(f.RegionId), f.ReferralReproduced,
                f.Techniques.Count == 0 ? "Gentle pressure" : string.Join(", ", f.Techniques.Select(t => Plain(t)))))
            .ToList();
        var sources = points.Count(p => p.SourceOfYourPain);
        var headline = points.Count switch
        {
            0 => "Your therapist recorded no trigger points this time.",
            1 => $"Your therapist found and treated one trigger point{(sources == 1 ? ", and pressing it brought on your familiar pain: a likely source" : "")}.",
            _ => $"Your therapist found and treated {points.Count} trigger points{(sources > 0 ? $"; {sources} of them brought on your familiar pain when pressed, so they are likely sources" : "")}.",
        };
        if (note.PainBefore is { } before && note.PainAfter is { } after)
        {
            headline += after < before
                ? $" Your pain went from {before} to {after} out of 10."
                : $" Your pain was {before} out of 10 before and {after} after; relief often comes over the next day or two.";
        }

        return new SessionSummary(points, note.PainBefore, note.PainAfter, note.ClientSummary, headline);
    }

    private static string Muscle(TriggerPointFinding finding, Atlas atlas)
    {
        var name = atlas.FindMuscle(finding.MuscleId)?.Name ?? finding.MuscleId;
        return finding.Side is { } side ? $"{name} ({side.ToString().ToLowerInvariant()})" : name;
    }

    private static string Plain(string technique) => technique switch
    {
        "ischemic-compression" => "steady pressure",
        "stripping" => "slow gliding strokes",
        "stretch-and-spray" => "cooling and stretching",
        "pin-and-stretch" => "pressure while you moved",
        "muscle-energy" => "gentle contract-and-relax",
        "myofascial-release" => "sustained release of the tissue",
        "cross-fibre-friction" => "friction across the muscle",
        "heat" => "moist heat",
        _ => technique,
    };
}
