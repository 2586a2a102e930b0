using Pinpoint.Core.Anatomy;

namespace Pinpoint.Core.Tests.Anatomy;

/// <summary>The loader on small hand-made files: what it accepts, how it resolves sides, and what it refuses.</summary>
public sealed class AtlasValidationTests
{
    private const string Regions = """
        { "version": 1, "sources": ["test"], "regions": [
          { "id": "temple-left", "label": "Left temple", "view": "front", "side": "left", "parent": "head", "synonyms": [] },
          { "id": "temple-right", "label": "Right temple", "view": "front", "side": "right", "parent": "head", "synonyms": [] },
          { "id": "ridge-left", "label": "Left ridge", "view": "back", "side": "left", "parent": "shoulder", "synonyms": [] },
          { "id": "ridge-right", "label": "Right ridge", "view": "back", "side": "right", "parent": "shoulder", "synonyms": [] },
          { "id": "vertex", "label": "Top of the head", "view": "front", "side": null, "parent": "head", "synonyms": ["crown"] }
        ] }
        """;

    private static string Muscle(string essential = "\"temple\", \"vertex\"", string prior = "0.9") => $$"""
          { "id": "upper-trapezius", "name": "Upper trapezius", "synonyms": [], "group": "head-neck", "paired": true, "prior": {{prior}},
            "triggerPointRegions": ["ridge"], "essential": [{{essential}}], "spillover": [], "complaints": [],
            "perpetuatingFactors": [], "activities": ["desk"], "selfCare": "Stretch.", "precautions": "None." }
        """;

    private static string Muscles(params string[] muscles) =>
        $$"""{ "version": 1, "sources": ["test"], "muscles": [ {{string.Join(", ", muscles)}} ] }""";

    private static string Muscles() => Muscles(Muscle());

    [Fact]
    public void Resolves_side_less_references_to_the_muscles_side_and_keeps_midline_regions()
    {
        var atlas = Atlas.Parse(Regions, Muscles());
        var muscle = atlas.FindMuscle("upper-trapezius")!;

        Assert.Equal(["temple-left", "vertex"], atlas.Resolve(muscle, BodySide.Left, muscle.Essential));
        Assert.Equal(["temple-right", "vertex"], atlas.Resolve(muscle, BodySide.Right, muscle.Essential));
        Assert.Equal("temple", atlas.FindRegion("temple-right")!.BaseId);
        Assert.Equal("vertex", atlas.FindRegion("vertex")!.BaseId);
    }

    [Fact]
    public void Refuses_a_referral_to_a_region_the_map_does_not_have()
    {
        var error = Assert.Throws<AtlasException>(() => Atlas.Parse(Regions, Muscles(Muscle("\"temple\", \"elbow\""))));

        Assert.Equal(["muscle 'upper-trapezius': essential region 'elbow' is not on the body map (for a paired muscle: neither a midline region nor a -left/-right pair)"], error.Problems);
    }

    [Fact]
    public void Lists_every_problem_at_once()
    {
        var regions = Regions.Replace("""{ "id": "ridge-right", "label": "Right ridge", "view": "back", "side": "right",""",
            """{ "id": "Ridge_Right", "label": "Right ridge", "view": "side", "side": "right",""", StringComparison.Ordinal);

        var error = Assert.Throws<AtlasException>(() => Atlas.Parse(regions, Muscles(Muscle(prior: "1.5"), Muscle())));

        Assert.Contains("region 'Ridge_Right': the id must be kebab-case", error.Problems);
        Assert.Contains("region 'ridge-left': its twin 'ridge-right' is missing", error.Problems);
        Assert.Contains("muscle 'upper-trapezius': the id is used twice", error.Problems);
        Assert.Contains("muscle 'upper-trapezius': prior must be in (0, 1], not 1.5", error.Problems);
        Assert.Contains(error.Problems, p => p.Contains("triggerPointRegions region 'ridge'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sentence_form_is_checked_when_given_and_made_from_the_label_when_not()
    {
        var regions = Regions
            .Replace("\"label\": \"Left temple\",", "\"label\": \"Left temple\", \"phrase\": \"your left temple\",", StringComparison.Ordinal)
            .Replace("\"label\": \"Right temple\",", "\"label\": \"Right temple\", \"phrase\": \"the left temple, right\",", StringComparison.Ordinal)
            .Replace("\"label\": \"Top of the head\",", "\"label\": \"Top of the head\", \"phrase\": \"top of your head on the left\",", StringComparison.Ordinal);

        var error = Assert.Throws<AtlasException>(() => Atlas.Parse(regions, Muscles()));

        Assert.Equal(
        [
            "region 'temple-right': phrase 'the left temple, right' may not contain , ; . ( ) or /",
            "region 'temple-right': phrase 'the left temple, right' must name the right side once and never the other",
            "region 'vertex': phrase 'top of your head on the left' must start with 'your' or 'the'",
            "region 'vertex': phrase 'top of your head on the left' names a side on a midline region",
        ], error.Problems);
        Assert.Equal("your left ridge", Atlas.Parse(Regions, Muscles()).FindRegion("ridge-left")!.Phrase);
    }

    [Fact]
    public void Refuses_malformed_json_and_unknown_fields_naming_the_file()
    {
        var error = Assert.Throws<AtlasException>(() => Atlas.Parse(Regions.Replace("\"parent\": \"head\", \"synonyms\": [\"crown\"]", "\"parent\": \"head\", \"colour\": \"red\"", StringComparison.Ordinal), Muscles()));

        Assert.StartsWith("body-regions.json:", Assert.Single(error.Problems), StringComparison.Ordinal);
    }
}
