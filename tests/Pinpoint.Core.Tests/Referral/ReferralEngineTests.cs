using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;

namespace Pinpoint.Core.Tests.Referral;

public sealed class ReferralEngineTests
{
    private static readonly ReferralEngine Engine = new(Atlas.Default);

    [Fact]
    public void Left_sided_pain_points_to_left_sided_muscles()
    {
        var ranked = Engine.Rank([new PainfulRegion("temple-left", 7), new PainfulRegion("back-of-neck-left", 5)]);

        Assert.NotEmpty(ranked);
        Assert.All(ranked.Take(5), c => Assert.NotEqual(BodySide.Right, c.Side));
    }

    [Fact]
    public void A_muscle_explaining_several_painful_regions_outranks_one_explaining_one()
    {
        var ranked = Engine.Rank(
        [
            new PainfulRegion("temple-right", 6), new PainfulRegion("side-of-neck-right", 6), new PainfulRegion("back-of-head-right", 6),
        ]);

        var first = ranked[0];
        Assert.Equal("upper-trapezius", first.Muscle.Id);
        Assert.Equal(BodySide.Right, first.Side);
        Assert.Equal(3, first.Explains.Count);
        Assert.True(ranked.Where(c => c.Explains.Count == 1).All(c => c.Score < first.Score));
    }

    [Fact]
    public void Essential_zones_weigh_more_than_spillover()
    {
        // Two muscles alike in everything (prior, one essential zone each, same intensity) but whether the painful
        // temple is in the essential or the spillover zone: only that can tell their scores apart.
        const string regions = """
            { "version": 1, "sources": ["test"], "regions": [
              { "id": "temple-left", "label": "Left temple", "view": "front", "side": "left", "parent": "head", "synonyms": [] },
              { "id": "temple-right", "label": "Right temple", "view": "front", "side": "right", "parent": "head", "synonyms": [] },
              { "id": "ridge-left", "label": "Left ridge", "view": "back", "side": "left", "parent": "shoulder", "synonyms": [] },
              { "id": "ridge-right", "label": "Right ridge", "view": "back", "side": "right", "parent": "shoulder", "synonyms": [] }
            ] }
            """;
        static string Muscle(string id, string essential, string spillover) => $$"""
              { "id": "{{id}}", "name": "{{id}}", "synonyms": [], "group": "head-neck", "paired": true, "prior": 0.5,
                "triggerPointRegions": ["ridge"], "essential": ["{{essential}}"], "spillover": [{{spillover}}], "complaints": [],
                "perpetuatingFactors": [], "activities": [], "selfCare": "Stretch.", "precautions": "None." }
            """;
        var always = Muscle("feels-it-always", essential: "temple", spillover: "");
        var sometimes = Muscle("feels-it-sometimes", essential: "ridge", spillover: "\"temple\"");
        var atlas = Atlas.Parse(regions, $$"""{ "version": 1, "sources": ["test"], "muscles": [ {{always}}, {{sometimes}} ] }""");

        var ranked = new ReferralEngine(atlas).Rank([new PainfulRegion("temple-left", 5)], take: 10);

        var essential = ranked.Single(c => c.Muscle.Id == "feels-it-always" && c.Side == BodySide.Left);
        var spillover = ranked.Single(c => c.Muscle.Id == "feels-it-sometimes" && c.Side == BodySide.Left);
        Assert.Equal(ReferralZone.Essential, essential.Explains.Single().Zone);
        Assert.Equal(ReferralZone.Spillover, spillover.Explains.Single().Zone);
        Assert.True(essential.Score > spillover.Score, $"essential {essential.Score} vs spillover {spillover.Score}");
    }

    [Fact]
    public void Ranking_is_deterministic_and_scores_sum_to_at_most_one()
    {
        PainfulRegion[] pain = [new("sacrum", 5), new("buttock-lower-left", 4)];

        var first = Engine.Rank(pain, take: 500);
        var second = Engine.Rank(pain, take: 500);

        Assert.Equal(first.Select(c => (c.Muscle.Id, c.Side, c.Score)), second.Select(c => (c.Muscle.Id, c.Side, c.Score)));
        Assert.InRange(first.Sum(c => c.Score), 0.99, 1.01);
        Assert.Equal(first.OrderByDescending(c => c.Score).Select(c => c.Score), first.Select(c => c.Score));
    }

    [Fact]
    public void Regions_no_muscle_refers_to_give_no_candidates()
    {
        Assert.Empty(Engine.Rank([new PainfulRegion("not-a-region", 8)]));
        Assert.Empty(Engine.Rank([new PainfulRegion("temple-left", 0)]));
    }
}

public sealed class ReferralReportTests
{
    private static readonly ReferralEngine Engine = new(Atlas.Default);

    [Fact]
    public void Candidates_carry_sided_trigger_point_regions_zones_and_a_plain_explanation()
    {
        var report = Engine.Analyse(new ReferralQuery([new("temple-left", 6), new("back-of-neck-left", 4)], ["headache"], "desk"));

        var trapezius = report.Candidates.First(c => c.Muscle.Id == "upper-trapezius");
        Assert.Equal(BodySide.Left, trapezius.Side);
        Assert.Equal(["upper-trapezius-ridge-left"], trapezius.TriggerPointRegions);
        Assert.Contains("temple-left", trapezius.EssentialZone);
        Assert.DoesNotContain("temple-left", trapezius.SpilloverZone);
        Assert.Equal(
            "Trigger points in the left upper trapezius, at the top of your left shoulder, commonly refer pain to your left temple and the back of your neck on the left.",
            trapezius.Explanation);
        Assert.Equal("Explains your left temple and the back of your neck on the left (main referral zone).", trapezius.Reason);
        Assert.Equal(1, trapezius.Coverage);
    }

    [Fact]
    public void A_spillover_only_explanation_says_can()
    {
        var trapezius = Atlas.Default.FindMuscle("upper-trapezius")!;
        var spill = Atlas.Default.Resolve(trapezius, BodySide.Right, trapezius.Spillover).First();

        var candidate = Engine.Rank([new PainfulRegion(spill, 5)], take: 300).Single(c => c.Muscle.Id == "upper-trapezius" && c.Side == BodySide.Right);

        Assert.Contains("can refer pain to ", candidate.Explanation, StringComparison.Ordinal);
        Assert.Contains("only as spillover", candidate.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("commonly", candidate.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symptom_raises_muscles_with_that_complaint()
    {
        PainfulRegion[] pain = [new("forearm-front-right", 5), new("palm-right", 5)];
        var numbness = Atlas.Default.Muscles.Where(m => m.Complaints.Contains("numbness-tingling")).Select(m => m.Id).ToHashSet();

        var without = Engine.Rank(pain, take: 300);
        var with = Engine.Rank(pain, take: 300, symptoms: ["numbness"]);

        var relevant = without.Where(c => numbness.Contains(c.Muscle.Id)).ToList();
        Assert.NotEmpty(relevant);
        Assert.All(relevant, c => Assert.True(
            with.Single(w => w.Muscle.Id == c.Muscle.Id && w.Side == c.Side).Score > c.Score, c.Muscle.Id));
    }

    [Fact]
    public void The_report_combines_ranking_modality_and_warnings()
    {
        var report = Engine.Analyse(new ReferralQuery([new("chest-upper-left", 6)], ["breathlessness"]));

        Assert.NotEmpty(report.Candidates);
        Assert.Contains(report.Candidates, c => c.Muscle.Id == "pectoralis-major");
        Assert.Equal("chest-pain-breathlessness", Assert.Single(report.Warnings).Code);
        Assert.NotEmpty(report.SuggestedModality.Reasons);
    }
}
