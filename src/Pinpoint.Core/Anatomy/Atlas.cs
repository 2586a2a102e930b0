using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pinpoint.Core.Anatomy;

/// <summary>
/// The body map regions and the trigger point atlas, loaded from the embedded data files and checked as a whole:
/// a problem anywhere (a duplicate id, a referral to a region the map does not have, a left region without its
/// right twin) stops the load with every problem listed.
/// </summary>
public sealed partial class Atlas
{
    private static readonly Lazy<Atlas> LazyDefault = new(() =>
        Parse(AtlasData.ReadResource("body-regions.json"), AtlasData.ReadResource("muscles.json")));

    private readonly FrozenDictionary<string, BodyRegion> _regions;
    private readonly FrozenDictionary<string, Muscle> _muscles;

    private Atlas(IReadOnlyList<BodyRegion> regions, IReadOnlyList<Muscle> muscles, IReadOnlyList<string> sources)
    {
        Regions = regions;
        Muscles = muscles;
        Sources = sources;
        _regions = regions.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
        _muscles = muscles.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal);
    }

    /// <summary>The atlas shipped with Pinpoint, loaded once.</summary>
    public static Atlas Default => LazyDefault.Value;

    public IReadOnlyList<BodyRegion> Regions { get; }

    public IReadOnlyList<Muscle> Muscles { get; }

    /// <summary>The literature both files cite.</summary>
    public IReadOnlyList<string> Sources { get; }

    public BodyRegion? FindRegion(string id) => _regions.GetValueOrDefault(id);

    public Muscle? FindMuscle(string id) => _muscles.GetValueOrDefault(id);

    /// <summary>The region's label for people, or the id itself when the map has no such region.</summary>
    public string LabelOf(string regionId) => FindRegion(regionId)?.Label ?? regionId;

    /// <summary>
    /// Region ids of <paramref name="references"/> for the muscle on <paramref name="side"/> (null for a muscle
    /// that is not paired): a side-less reference of a paired muscle gets the muscle's side unless it is a
    /// midline region.
    /// </summary>
    public IEnumerable<string> Resolve(Muscle muscle, BodySide? side, IEnumerable<string> references)
    {
        foreach (var reference in references)
        {
            yield return ResolveOne(muscle, side, reference) ?? reference;
        }
    }

    private string? ResolveOne(Muscle muscle, BodySide? side, string reference)
    {
        if (!muscle.Paired || side is null || _regions.TryGetValue(reference, out var midline) && midline.Side is null)
        {
            return _regions.ContainsKey(reference) ? reference : null;
        }

        var sided = side == BodySide.Left ? reference + "-left" : reference + "-right";
        return _regions.ContainsKey(sided) ? sided : null;
    }

    /// <summary>Parses and validates the two data files.</summary>
    public static Atlas Parse(string regionsJson, string musclesJson)
    {
        var problems = new List<string>();
        var regionsFile = Deserialize<AtlasData.RegionsFile>(regionsJson, "body-regions.json", problems);
        var musclesFile = Deserialize<AtlasData.MusclesFile>(musclesJson, "muscles.json", problems);
        if (regionsFile is null || musclesFile is null)
        {
            throw new AtlasException(problems);
        }

        var regions = AtlasValidation.Regions(regionsFile, problems);
        var muscles = AtlasValidation.Muscles(musclesFile, problems);
        var atlas = new Atlas(regions, muscles, [.. regionsFile.Sources.Concat(musclesFile.Sources).Distinct(StringComparer.Ordinal)]);
        atlas.CheckReferences(problems);
        return problems.Count == 0 ? atlas : throw new AtlasException(problems);
    }

    private void CheckReferences(List<string> problems)
    {
        foreach (var muscle in Muscles)
        {
            var sides = muscle.Paired ? new BodySide?[] { BodySide.Left, BodySide.Right } : [null];
            foreach (var (list, references) in new[]
                     {
                         ("triggerPointRegions", muscle.TriggerPointRegions), ("essential", muscle.Essential),
                         ("spillover", muscle.Spillover),
                     })
            {
                foreach (var reference in references)
                {
                    if (sides.Any(side => ResolveOne(muscle, side, reference) is null))
                    {
                        problems.Add($"muscle '{muscle.Id}': {list} region '{reference}' is not on the body map" +
                                     (muscle.Paired ? " (for a paired muscle: neither a midline region nor a -left/-right pair)" : ""));
                    }
                }
            }
        }
    }

    private static T? Deserialize<T>(string json, string file, List<string> problems)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, AtlasData.Json) ?? throw new JsonException("the file is empty");
        }
        catch (JsonException exception)
        {
            problems.Add($"{file}: {exception.Message}");
            return null;
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex KebabCase();
}
