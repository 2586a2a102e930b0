namespace Pinpoint.Core.Anatomy;

/// <summary>Field-by-field checks of the data files; every problem is collected, none stops the others.</summary>
internal static class AtlasValidation
{
    public static List<BodyRegion> Regions(AtlasData.RegionsFile file, List<string> problems)
    {
        var regions = new List<BodyRegion>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in file.Regions)
        {
            var where = $"region '{entry.Id}'";
            if (!IsNewId(entry.Id, where, seen, problems))
            {
                continue;
            }

            BodyView? view = entry.View switch { "front" => BodyView.Front, "back" => BodyView.Back, _ => null };
            if (view is null)
            {
                problems.Add($"{where}: view must be 'front' or 'back', not '{entry.View}'");
            }

            BodySide? side = entry.Side switch { "left" => BodySide.Left, "right" => BodySide.Right, _ => null };
            if (entry.Side is not null && side is null)
            {
                problems.Add($"{where}: side must be 'left', 'right' or null, not '{entry.Side}'");
            }

            var suffix = side switch { BodySide.Left => "-left", BodySide.Right => "-right", null => null };
            var idSide = entry.Id!.EndsWith("-left", StringComparison.Ordinal) ? "-left"
                : entry.Id.EndsWith("-right", StringComparison.Ordinal) ? "-right" : null;
            if (!string.Equals(suffix, idSide, StringComparison.Ordinal))
            {
                problems.Add($"{where}: the id's side suffix and the side field disagree");
            }

            if (string.IsNullOrWhiteSpace(entry.Label) || string.IsNullOrWhiteSpace(entry.Parent))
            {
                problems.Add($"{where}: label and parent are required");
            }

            var region = new BodyRegion(entry.Id, entry.Label ?? "", view ?? BodyView.Front, side, entry.Parent ?? "", entry.Synonyms ?? []);
            if (entry.Phrase is not null)
            {
                problems.AddRange(PhraseProblems(entry.Phrase, side).Select(p => $"{where}: phrase '{entry.Phrase}' {p}"));
                region = region with { Phrase = entry.Phrase };
            }

            regions.Add(region);
        }

        foreach (var region in regions.Where(r => r.Side is not null))
        {
            var twin = region.BaseId + (region.Side == BodySide.Left ? "-right" : "-left");
            if (!seen.Contains(twin))
            {
                problems.Add($"region '{region.Id}': its twin '{twin}' is missing");
            }
        }

        return regions;
    }

    public static List<Muscle> Muscles(AtlasData.MusclesFile file, List<string> problems)
    {
        var muscles = new List<Muscle>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in file.Muscles)
        {
            var where = $"muscle '{entry.Id}'";
            if (!IsNewId(entry.Id, where, seen, problems))
            {
                continue;
            }

            MuscleGroup? group = entry.Group switch
            {
                "head-neck" => MuscleGroup.HeadNeck,
                "shoulder-arm" => MuscleGroup.ShoulderArm,
                "forearm-hand" => MuscleGroup.ForearmHand,
                "trunk-back" => MuscleGroup.TrunkBack,
                "hip-pelvis" => MuscleGroup.HipPelvis,
                "thigh" => MuscleGroup.Thigh,
                "leg-foot" => MuscleGroup.LegFoot,
                _ => null,
            };
            if (group is null)
            {
                problems.Add($"{where}: unknown group '{entry.Group}'");
            }

            if (entry.Prior is not (> 0 and <= 1))
            {
                problems.Add($"{where}: prior must be in (0, 1], not {entry.Prior}");
            }

            if (entry.Essential is not { Length: > 0 } || entry.TriggerPointRegions is not { Length: > 0 })
            {
                problems.Add($"{where}: needs at least one trigger point region and one essential referral region");
            }

            if (string.IsNullOrWhiteSpace(entry.Name) || string.IsNullOrWhiteSpace(entry.SelfCare) || string.IsNullOrWhiteSpace(entry.Precautions))
            {
                problems.Add($"{where}: name, selfCare and precautions are required");
            }

            muscles.Add(new Muscle(entry.Id!, entry.Name ?? "", entry.Synonyms ?? [], group ?? MuscleGroup.HeadNeck, entry.Paired,
                entry.Prior, entry.TriggerPointRegions ?? [], entry.Essential ?? [], entry.Spillover ?? [], entry.Complaints ?? [],
                entry.PerpetuatingFactors ?? [], entry.Activities ?? [], entry.SelfCare ?? "", entry.Precautions ?? ""));
        }

        return muscles;
    }

    /// <summary>
    /// A region's sentence form must fit "Explains ___." and "refer pain to ___": it starts with "your" or "the",
    /// names its own side once and never the other, and has no punctuation a list of places would trip over.
    /// </summary>
    internal static IEnumerable<string> PhraseProblems(string phrase, BodySide? side)
    {
        var words = phrase.Split(' ');
        if (!phrase.StartsWith("your ", StringComparison.Ordinal) && !phrase.StartsWith("the ", StringComparison.Ordinal))
        {
            yield return "must start with 'your' or 'the'";
        }

        if (words.Any(w => w.Length == 0) || phrase != phrase.Trim())
        {
            yield return "has a doubled or stray space";
        }

        if (phrase.IndexOfAny([',', ';', '.', '(', ')', '/']) >= 0)
        {
            yield return "may not contain , ; . ( ) or /";
        }

        var left = words.Count(w => w == "left");
        var right = words.Count(w => w == "right");
        var (own, other) = side switch
        {
            BodySide.Left => (left, right),
            BodySide.Right => (right, left),
            null => (left + right == 0 ? 1 : 0, left + right),
        };
        if (own != 1 || other != 0)
        {
            yield return side is null ? "names a side on a midline region" : $"must name the {(side == BodySide.Left ? "left" : "right")} side once and never the other";
        }
    }

    /// <summary>A kebab-case id not seen before; a bad or repeated entry is reported and then skipped.</summary>
    private static bool IsNewId(string? id, string where, HashSet<string> seen, List<string> problems)
    {
        if (!Atlas.KebabCase().IsMatch(id ?? ""))
        {
            problems.Add($"{where}: the id must be kebab-case");
            return false;
        }

        if (!seen.Add(id!))
        {
            problems.Add($"{where}: the id is used twice");
            return false;
        }

        return true;
    }
}
