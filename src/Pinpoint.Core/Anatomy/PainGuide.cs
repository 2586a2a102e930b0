using System.Collections.Frozen;
using System.Text.Json;

namespace Pinpoint.Core.Anatomy;

/// <summary>One area of a pain guide: where it hurts, and the muscles that refer pain there, the most frequent first.</summary>
/// <param name="Regions">Body-map references as the atlas writes them (side-less for paired regions).</param>
public sealed record PainGuideArea(string Id, string Name, int Volume, IReadOnlyList<string> Regions, IReadOnlyList<string> Muscles);

/// <summary>
/// Travell &amp; Simons' pain guides (<c>Anatomy/Data/pain-guide.json</c>): for each area of the body, the muscles
/// whose trigger points refer pain there, in the order of how often they do. The order is what the referral engine
/// uses as each region's prior; the atlas' zones say where a muscle can refer, the guide says how likely it is.
/// </summary>
public sealed class PainGuide
{
    private static readonly Lazy<PainGuide> LazyDefault = new(() => Parse(AtlasData.ReadResource("pain-guide.json"), Atlas.Default));

    private readonly FrozenDictionary<string, FrozenDictionary<string, int>> _placeByRegion;

    private PainGuide(IReadOnlyList<PainGuideArea> areas)
    {
        Areas = areas;

        // Where two areas mark one region (dorsal and volar finger pain both fall on "fingers"), a muscle takes its
        // better place of the two: the map cannot tell the areas apart, so neither order may bury the other.
        _placeByRegion = areas
            .SelectMany(area => area.Regions.SelectMany(region => area.Muscles.Select((muscle, place) => (region, muscle, place))))
            .GroupBy(x => x.region, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.GroupBy(x => x.muscle, StringComparer.Ordinal).ToFrozenDictionary(m => m.Key, m => m.Min(x => x.place), StringComparer.Ordinal),
                StringComparer.Ordinal);
    }

    /// <summary>The guides shipped with Pinpoint, checked against <see cref="Atlas.Default"/>.</summary>
    public static PainGuide Default => LazyDefault.Value;

    /// <summary>No areas: every region falls back to the atlas' zones alone.</summary>
    public static PainGuide Empty { get; } = new([]);

    public IReadOnlyList<PainGuideArea> Areas { get; }

    /// <summary>
    /// The muscle's place (0 = listed first) among the sources of pain at a region reference, or null when no
    /// guide area marked by that region lists it.
    /// </summary>
    public int? PlaceOf(string regionReference, string muscleId) =>
        _placeByRegion.TryGetValue(regionReference, out var places) && places.TryGetValue(muscleId, out var place) ? place : null;

    /// <summary>The region references at least one guide area marks.</summary>
    public IEnumerable<string> RegionReferences => _placeByRegion.Keys;

    /// <summary>Every region reference the guide lists the muscle for.</summary>
    public IEnumerable<string> RegionsListing(string muscleId) =>
        _placeByRegion.Where(r => r.Value.ContainsKey(muscleId)).Select(r => r.Key);

    /// <summary>Parses the guide and checks every region and muscle against the atlas; all problems are reported at once.</summary>
    public static PainGuide Parse(string json, Atlas atlas)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        var problems = new List<string>();
        GuideFile? file = null;
        try
        {
            file = JsonSerializer.Deserialize<GuideFile>(json, AtlasData.Json) ?? throw new JsonException("the file is empty");
        }
        catch (JsonException exception)
        {
            problems.Add($"pain-guide.json: {exception.Message}");
        }

        var areas = new List<PainGuideArea>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var area in file?.Areas ?? [])
        {
            var where = $"pain-guide.json area '{area.Id}'";
            if (!Atlas.KebabCase().IsMatch(area.Id ?? "") || !ids.Add(area.Id!))
            {
                problems.Add($"{where}: the id must be kebab-case and unique");
            }

            if (area.Volume is not (1 or 2))
            {
                problems.Add($"{where}: volume must be 1 or 2");
            }

            if (area.Regions is not { Length: > 0 } || area.Muscles is not { Length: > 0 })
            {
                problems.Add($"{where}: needs at least one region and one muscle");
                continue;
            }

            foreach (var region in area.Regions.Where(r => atlas.FindRegion(r) is null && atlas.FindRegion(r + "-left") is null))
            {
                problems.Add($"{where}: region '{region}' is not on the body map");
            }

            foreach (var muscle in area.Muscles.Where(m => atlas.FindMuscle(m) is null))
            {
                problems.Add($"{where}: muscle '{muscle}' is not in the atlas");
            }

            if (area.Muscles.Distinct(StringComparer.Ordinal).Count() != area.Muscles.Length)
            {
                problems.Add($"{where}: a muscle is listed twice");
            }

            areas.Add(new PainGuideArea(area.Id!, area.Name ?? area.Id!, area.Volume, area.Regions, area.Muscles));
        }

        return problems.Count == 0 ? new PainGuide(areas) : throw new AtlasException(problems);
    }

    private sealed record GuideFile(int Version, string About, string[] Sources, GuideArea[] Areas);

    private sealed record GuideArea(string? Id, string? Name, int Volume, string[]? Regions, string[]? Muscles);
}
