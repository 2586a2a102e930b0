namespace Pinpoint.Core.Anatomy;

/// <summary>The atlas' body areas, used to group muscles in lists.</summary>
public enum MuscleGroup
{
    HeadNeck = 1,
    ShoulderArm = 2,
    ForearmHand = 3,
    TrunkBack = 4,
    HipPelvis = 5,
    Thigh = 6,
    LegFoot = 7,
}

/// <summary>
/// A muscle of the trigger point atlas. Its region lists hold references as written in the atlas: for a paired
/// muscle a reference without a side (<c>temple</c>) means the region on the muscle's own side, unless it names a
/// midline region; <see cref="Atlas.Resolve"/> turns references into region ids.
/// </summary>
/// <param name="Prior">How often this muscle is an active source in practice, 0–1: a base rate for ranking.</param>
/// <param name="TriggerPointRegions">Where its trigger points lie: where the therapist looks.</param>
/// <param name="Essential">Where its referred pain is felt in nearly everyone with an active trigger point.</param>
/// <param name="Spillover">Where it is felt in some people only.</param>
public sealed record Muscle(
    string Id,
    string Name,
    IReadOnlyList<string> Synonyms,
    MuscleGroup Group,
    bool Paired,
    double Prior,
    IReadOnlyList<string> TriggerPointRegions,
    IReadOnlyList<string> Essential,
    IReadOnlyList<string> Spillover,
    IReadOnlyList<string> Complaints,
    IReadOnlyList<string> PerpetuatingFactors,
    IReadOnlyList<string> Activities,
    string SelfCare,
    string Precautions);
