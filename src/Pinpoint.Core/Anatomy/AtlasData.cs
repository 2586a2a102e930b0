using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pinpoint.Core.Anatomy;

/// <summary>The JSON shapes of the embedded data files; validated and turned into domain types by <see cref="Atlas"/>.</summary>
internal static class AtlasData
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public sealed record RegionsFile(int Version, string[] Sources, RegionEntry[] Regions);

    public sealed record RegionEntry(string Id, string Label, string? Phrase, string View, string? Side, string Parent, string[]? Synonyms);

    public sealed record MusclesFile(int Version, string[] Sources, MuscleEntry[] Muscles);

    public sealed record MuscleEntry(
        string Id, string Name, string[]? Synonyms, string Group, bool Paired, double Prior,
        string[] TriggerPointRegions, string[] Essential, string[]? Spillover, string[]? Complaints,
        string[]? PerpetuatingFactors, string[]? Activities, string SelfCare, string Precautions);

    public static string ReadResource(string name)
    {
        var assembly = typeof(AtlasData).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Pinpoint.Core.Anatomy.Data.{name}")
            ?? throw new AtlasException([$"The embedded data file {name} is missing from {assembly.GetName().Name}."]);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
