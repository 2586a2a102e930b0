using System.Text.Json;
using Pinpoint.Core.Anatomy;

namespace Pinpoint.Core.Tests.Anatomy;

/// <summary>The shipped atlas: it loads, it is big enough, and the literature cases fit it.</summary>
public sealed class DefaultAtlasTests
{
    private static readonly Atlas Atlas = Atlas.Default;

    [Fact]
    public void Loads_at_least_80_regions_and_80_muscles_covering_every_muscle_group()
    {
        Assert.True(Atlas.Regions.Count >= 80, $"{Atlas.Regions.Count} regions");
        Assert.True(Atlas.Muscles.Count >= 80, $"{Atlas.Muscles.Count} muscles");
        Assert.Equal(Enum.GetValues<MuscleGroup>(), Atlas.Muscles.Select(m => m.Group).Distinct().Order());
        Assert.Contains(Atlas.Regions, r => r.View == BodyView.Front);
        Assert.Contains(Atlas.Regions, r => r.View == BodyView.Back);
        Assert.NotEmpty(Atlas.Sources);
    }

    [Theory]
    [InlineData("temple-left")]
    [InlineData("low-back-right")]
    [InlineData("sacrum")]
    [InlineData("heel-left")]
    [InlineData("elbow-outer-right")]
    [InlineData("upper-trapezius-ridge-left")]
    [InlineData("ankle-front-left")]
    [InlineData("ankle-front-right")]
    [InlineData("ankle-back-left")]
    [InlineData("ankle-back-right")]
    [InlineData("elbow-front-right")]
    [InlineData("elbow-back-left")]
    public void Has_the_regions_the_referral_patterns_need(string id) => Assert.NotNull(Atlas.FindRegion(id));

    [Fact]
    public void The_ankle_has_a_front_and_an_achilles_region_and_the_heel_is_only_the_heel()
    {
        var front = Atlas.FindRegion("ankle-front-left")!;
        var back = Atlas.FindRegion("ankle-back-right")!;

        Assert.Equal(("Left front of the ankle", BodyView.Front, "ankle-foot"), (front.Label, front.View, front.Parent));
        Assert.Equal(("Right back of the ankle (Achilles)", BodyView.Back, "ankle-foot"), (back.Label, back.View, back.Parent));
        Assert.Contains("Achilles tendon", back.Synonyms);
        Assert.DoesNotContain(Atlas.FindRegion("heel-left")!.Synonyms, s => s.Contains("Achilles", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("ankle-front", "tibialis-anterior", "essential")]
    [InlineData("ankle-front", "peroneus-tertius", "essential")]
    [InlineData("ankle-front", "extensor-digitorum-longus", "spillover")]
    [InlineData("ankle-front", "extensor-hallucis-longus", "spillover")]
    [InlineData("ankle-back", "soleus", "essential")]
    [InlineData("ankle-back", "tibialis-posterior", "essential")]
    [InlineData("ankle-back", "gastrocnemius", "spillover")]
    [InlineData("elbow-back", "triceps-brachii", "spillover")]
    [InlineData("elbow-front", "biceps-brachii", "spillover")]
    [InlineData("elbow-front", "brachialis", "spillover")]
    public void The_new_regions_carry_the_referral_the_pain_guides_put_there(string region, string muscle, string zone)
    {
        var m = Atlas.FindMuscle(muscle)!;

        Assert.Contains(region, zone == "essential" ? m.Essential : m.Spillover);
    }

    [Fact]
    public void Every_shipped_region_has_its_own_sentence_form()
    {
        using var stream = typeof(Atlas).Assembly.GetManifestResourceStream("Pinpoint.Core.Anatomy.Data.body-regions.json")!;
        using var file = JsonDocument.Parse(stream);

        var missing = file.RootElement.GetProperty("regions").EnumerateArray()
            .Where(r => !r.TryGetProperty("phrase", out var phrase) || phrase.GetString() is not { Length: > 0 })
            .Select(r => r.GetProperty("id").GetString()).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Upper_trapezius_refers_to_the_temple_on_its_own_side()
    {
        var trapezius = Atlas.FindMuscle("upper-trapezius")!;

        Assert.Contains("temple-right", Atlas.Resolve(trapezius, BodySide.Right, trapezius.Essential.Concat(trapezius.Spillover)));
        Assert.DoesNotContain("temple-left", Atlas.Resolve(trapezius, BodySide.Right, trapezius.Essential.Concat(trapezius.Spillover)));
    }

    [Fact]
    public void Every_literature_case_names_regions_on_the_map_and_muscles_that_refer_there()
    {
        using var stream = typeof(Atlas).Assembly.GetManifestResourceStream("Pinpoint.Core.Anatomy.Data.referral-cases.json")!;
        using var cases = JsonDocument.Parse(stream);
        var all = cases.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.True(all.Count >= 30, $"{all.Count} cases");

        foreach (var @case in all)
        {
            var name = @case.GetProperty("name").GetString();
            var regions = @case.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
            Assert.All(regions, id => Assert.True(Atlas.FindRegion(id) is not null, $"{name}: unknown region {id}"));
            foreach (var expected in @case.GetProperty("expectedTop3AnyOf").EnumerateArray().Select(m => m.GetString()!))
            {
                var muscle = Atlas.FindMuscle(expected);
                Assert.True(muscle is not null, $"{name}: unknown muscle {expected}");
                var referred = new[] { BodySide.Left, BodySide.Right }
                    .SelectMany(side => Atlas.Resolve(muscle, side, muscle.Essential.Concat(muscle.Spillover)));
                Assert.True(referred.Intersect(regions).Any(), $"{name}: {expected} refers to none of {string.Join(", ", regions)}");
            }
        }
    }
}
