using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;

namespace Pinpoint.Core.Tests.Anatomy;

public sealed class PainGuideTests
{
    [Fact]
    public void The_shipped_guide_loads_and_names_only_regions_and_muscles_of_the_atlas()
    {
        var guide = PainGuide.Default;

        Assert.True(guide.Areas.Count >= 56);
        Assert.All(guide.Areas.SelectMany(a => a.Muscles), m => Assert.NotNull(Atlas.Default.FindMuscle(m)));
        Assert.Equal(0, guide.PlaceOf("temple", "upper-trapezius"));
        Assert.Equal(2, guide.PlaceOf("temple", "temporalis"));
        Assert.Null(guide.PlaceOf("temple", "soleus"));
    }

    [Fact]
    public void Where_two_areas_share_a_region_a_muscle_keeps_its_better_place()
    {
        // Dorsal and volar finger pain both fall on "fingers": the finger flexors lead the volar list.
        Assert.Equal(0, PainGuide.Default.PlaceOf("fingers", "finger-flexors"));
        Assert.Equal(0, PainGuide.Default.PlaceOf("fingers", "extensor-digitorum"));
    }

    [Fact]
    public void A_guide_naming_an_unknown_region_or_muscle_or_a_muscle_twice_is_refused_with_every_problem()
    {
        const string json = """
            { "version": 1, "about": "", "sources": [], "areas": [
              { "id": "a", "name": "A", "volume": 1, "regions": ["temple", "nowhere"], "muscles": ["upper-trapezius", "no-such-muscle"] },
              { "id": "b", "name": "B", "volume": 3, "regions": ["calf"], "muscles": ["soleus", "soleus"] }
            ] }
            """;

        var problems = Assert.Throws<AtlasException>(() => PainGuide.Parse(json, Atlas.Default)).Message;

        Assert.Contains("'nowhere' is not on the body map", problems, StringComparison.Ordinal);
        Assert.Contains("'no-such-muscle' is not in the atlas", problems, StringComparison.Ordinal);
        Assert.Contains("volume must be 1 or 2", problems, StringComparison.Ordinal);
        Assert.Contains("listed twice", problems, StringComparison.Ordinal);
    }

    [Fact]
    public void The_guides_order_decides_between_muscles_that_both_refer_to_a_region()
    {
        // Both refer to the temple in the atlas; the guide lists the upper trapezius first and semispinalis last.
        var ranked = new ReferralEngine(Atlas.Default).Rank([new PainfulRegion("temple-right", 6)], take: 20)
            .Select(c => c.Muscle.Id).ToList();

        Assert.True(ranked.IndexOf("upper-trapezius") < ranked.IndexOf("semispinalis-capitis"), string.Join(", ", ranked));
        Assert.Equal("upper-trapezius", ranked[0]);
    }

    [Fact]
    public void A_muscle_that_explains_every_marked_area_rises_above_the_leader_of_one_area()
    {
        // Buttock, back of the thigh and calf together: the gluteus minimus is listed in all three guides' areas,
        // the gluteus medius leads the buttock list only.
        var ranked = new ReferralEngine(Atlas.Default)
            .Rank([new PainfulRegion("buttock-lower-left", 6), new PainfulRegion("thigh-back-left", 5), new PainfulRegion("calf-left", 4)], take: 10)
            .Select(c => c.Muscle.Id).ToList();

        Assert.Equal("gluteus-minimus", ranked[0]);
    }
}
