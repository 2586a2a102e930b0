using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Catalogue;

namespace Pinpoint.Core.Referral;

/// <summary>The modality Pinpoint suggests, with the reasons in plain words.</summary>
public sealed record ModalitySuggestion(Modality Modality, IReadOnlyList<string> Reasons);

/// <summary>
/// Picks one modality from the shape of the picture, in this order: widespread, long-standing or postural pain
/// across several areas wants an assessment-led plan (Clinical); pain tied to a sport wants overuse-aware work
/// (Sports); nerve-like symptoms or a desk-bound posture want a systematic muscle-by-muscle pass (Neuromuscular);
/// anything else starts with focused myofascial release of the likely sources.
/// </summary>
public static class ModalityAdvisor
{
    /// <summary>Marked regions at or above which pain counts as widespread.</summary>
    public const int WidespreadRegions = 4;

    /// <summary>Body segments (head, neck, low back…) at or above which pain counts as widespread.</summary>
    public const int WidespreadSegments = 3;

    public static ModalitySuggestion Suggest(Atlas atlas, ReferralQuery query)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        ArgumentNullException.ThrowIfNull(query);
        var painful = query.Regions.Where(r => r.Intensity > 0).Select(r => atlas.FindRegion(r.RegionId)).OfType<BodyRegion>().ToList();
        var segments = painful.Select(r => r.Parent).Distinct(StringComparer.Ordinal).Count();
        var activity = Vocabulary.FindActivity(query.Activity);
        var symptoms = query.RecogniseSymptoms().Symptoms.ToHashSet(StringComparer.Ordinal);

        var clinical = new List<string>();
        if (painful.Count >= WidespreadRegions || segments >= WidespreadSegments)
        {
            clinical.Add($"Pain in {painful.Count} areas across {segments} parts of the body is best untangled with an assessment and a plan of sessions.");
        }

        if (query.Duration is PainDuration.Months or PainDuration.Years)
        {
            clinical.Add($"Pain that has lasted {(query.Duration == PainDuration.Years ? "years" : "months")} rarely settles in one session; a treatment plan with home care works better.");
        }

        if (activity is { IsPostural: true } && segments >= 2)
        {
            clinical.Add($"{activity.Label} with pain in more than one area points to a postural pattern worth assessing as a whole.");
        }

        if (clinical.Count > 0)
        {
            return new ModalitySuggestion(Modality.Clinical, clinical);
        }

        if (activity is { IsSport: true })
        {
            return new ModalitySuggestion(Modality.Sports,
                [$"Pain linked to {activity.Label.ToLowerInvariant()} is usually overuse: sports trigger point work targets the loaded muscles and your return to training."]);
        }

        var neuromuscular = new List<string>();
        if (symptoms.Contains("numbness-tingling"))
        {
            neuromuscular.Add("Numbness or tingling can come from tight muscles pressing on nerves; neuromuscular therapy works through them systematically.");
        }

        if (activity is { IsPostural: true })
        {
            neuromuscular.Add($"{activity.Label} loads the same muscles for hours; a systematic neuromuscular pass finds the ones holding the posture.");
        }

        if (neuromuscular.Count > 0)
        {
            return new ModalitySuggestion(Modality.Neuromuscular, neuromuscular);
        }

        return new ModalitySuggestion(Modality.Myofascial,
            ["A focused pain pattern: myofascial trigger point therapy releases the likely sources directly, with gentle pressure."]);
    }
}
