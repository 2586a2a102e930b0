using System.Text.RegularExpressions;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;

namespace Pinpoint.Core.Tests.Referral;

/// <summary>The sentences a client reads, over every region and every muscle of the atlas, and the likelihood bands.</summary>
public sealed partial class ReferralExplanationTests
{
    private static readonly Atlas Atlas = Atlas.Default;
    private static readonly ReferralExplanation Words = new(Atlas);

    public static TheoryData<string> RegionIds() => [.. Atlas.Regions.Select(r => r.Id)];

    public static TheoryData<string> MuscleIds() => [.. Atlas.Muscles.Select(m => m.Id)];

    [Theory]
    [MemberData(nameof(RegionIds))]
    public void Every_region_reads_well_inside_a_sentence(string id)
    {
        var region = Atlas.FindRegion(id)!;
        PainfulRegion[] pain = [new(id, 5)];

        var essential = Words.Reason([new(id, ReferralZone.Essential)], pain);
        var spillover = Words.Reason([new(id, ReferralZone.Spillover)], pain);
        var unexplained = Words.Reason([], pain);

        Assert.Matches("^(your|the) [a-z]", region.Phrase);
        Assert.Equal($"Explains {region.Phrase} (main referral zone).", essential);
        Assert.StartsWith($"Explains {region.Phrase} only as spillover", spillover, StringComparison.Ordinal);
        Assert.Equal($"Explains none of the places you marked. Does not explain {region.Phrase}.", unexplained);
        AssertGoodEnglish(essential);
        AssertGoodEnglish(spillover);
        AssertGoodEnglish(unexplained);
        var side = region.Side switch { BodySide.Left => "left", BodySide.Right => "right", _ => null };
        if (side is null)
        {
            Assert.DoesNotMatch(@"\b(left|right)\b", region.Phrase);
        }
        else
        {
            Assert.Single(Regex.Matches(region.Phrase, $@"\b{side}\b"));
        }
    }

    [Theory]
    [MemberData(nameof(MuscleIds))]
    public void Every_muscle_on_either_side_gets_a_sentence_and_a_reason_that_read_well(string id)
    {
        var muscle = Atlas.FindMuscle(id)!;
        foreach (var side in new BodySide?[] { BodySide.Left, BodySide.Right })
        {
            var essential = Atlas.Resolve(muscle, side, muscle.Essential).Distinct().ToList();
            var spillover = Atlas.Resolve(muscle, side, muscle.Spillover).Distinct().ToList();
            List<ExplainedRegion> explains =
                [.. essential.Select(r => new ExplainedRegion(r, ReferralZone.Essential)), .. spillover.Select(r => new ExplainedRegion(r, ReferralZone.Spillover))];
            var triggers = Atlas.Resolve(muscle, side, muscle.TriggerPointRegions).Distinct().ToList();
            PainfulRegion[] pain = [.. explains.Select(e => new PainfulRegion(e.RegionId, 5)), new("vertex", 3)];

            var name = ReferralExplanation.MuscleInSentence(muscle, side);
            var sentence = Words.Sentence(muscle, side, triggers, explains);
            var reason = Words.Reason(explains, pain);

            Assert.StartsWith("the ", name, StringComparison.Ordinal);
            Assert.DoesNotContain(",", name, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(name, side == BodySide.Left ? @"\bleft\b" : @"\bright\b"));
            Assert.StartsWith($"Trigger points in {name}, at ", sentence, StringComparison.Ordinal);
            Assert.Contains("commonly refer pain to ", sentence, StringComparison.Ordinal);
            Assert.StartsWith("Explains ", reason, StringComparison.Ordinal);
            AssertGoodEnglish(sentence);
            AssertGoodEnglish(reason);
            if (!explains.Any(e => e.RegionId == "vertex"))
            {
                Assert.EndsWith("Does not explain the top of your head.", reason, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("upper-trapezius", BodySide.Left, "the left upper trapezius")]
    [InlineData("sternocleidomastoid-sternal", BodySide.Right, "the sternal head of the right sternocleidomastoid")]
    [InlineData("deltoid-anterior", BodySide.Left, "the anterior part of the left deltoid")]
    [InlineData("abductor-digiti-minimi-hand", BodySide.Right, "the abductor digiti minimi of the right hand")]
    [InlineData("foot-interossei", BodySide.Left, "the interossei of the left foot")]
    [InlineData("multifidi", BodySide.Right, "the right lumbar multifidi and rotatores")]
    [InlineData("finger-flexors", BodySide.Left, "the left finger flexors (FDS and FDP)")]
    public void Muscle_names_are_turned_into_sentence_form(string id, BodySide side, string expected) =>
        Assert.Equal(expected, ReferralExplanation.MuscleInSentence(Atlas.FindMuscle(id)!, side));

    [Fact]
    public void The_reason_names_the_zones_and_what_is_left_unexplained()
    {
        PainfulRegion[] pain = [new("temple-left", 6), new("back-of-neck-left", 4), new("jaw-left", 3), new("heel-left", 0)];
        ExplainedRegion[] explains =
            [new("temple-left", ReferralZone.Essential), new("back-of-neck-left", ReferralZone.Essential), new("jaw-left", ReferralZone.Spillover)];

        Assert.Equal(
            "Explains your left temple and the back of your neck on the left (main referral zone); can spill over to your left jaw joint.",
            Words.Reason(explains, pain));
        Assert.Equal(
            "Explains your left temple (main referral zone). Does not explain the back of your neck on the left or your left jaw joint.",
            Words.Reason(explains[..1], pain));
        Assert.EndsWith(
            "Does not explain 4 of the other places you marked.",
            Words.Reason(explains[..1], [.. pain, new("ear-left", 2), new("eye-left", 2)]),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.30, 0.30, 1.0, LikelihoodBand.MostLikely)]
    [InlineData(0.20, 0.30, 0.5, LikelihoodBand.MostLikely)]
    [InlineData(0.30, 0.30, 0.4, LikelihoodBand.AlsoPossible)]
    [InlineData(0.10, 0.30, 1.0, LikelihoodBand.AlsoPossible)]
    [InlineData(0.04, 0.30, 1.0, LikelihoodBand.LessLikely)]
    [InlineData(0.00, 0.00, 0.0, LikelihoodBand.LessLikely)]
    public void Bands_follow_the_share_of_the_top_score_and_of_the_marked_pain(double score, double top, double coverage, LikelihoodBand band) =>
        Assert.Equal(band, LikelihoodBands.Of(score, top, coverage));

    [Fact]
    public void Coverage_is_the_share_of_marked_intensity_explained()
    {
        PainfulRegion[] pain = [new("temple-left", 6), new("back-of-neck-left", 2), new("heel-left", 0)];

        Assert.Equal(0.75, LikelihoodBands.Coverage([new("temple-left", ReferralZone.Essential)], pain));
        Assert.Equal(1, LikelihoodBands.Coverage([new("temple-left", ReferralZone.Essential), new("back-of-neck-left", ReferralZone.Spillover)], pain));
        Assert.Equal(0, LikelihoodBands.Coverage([], [new("temple-left", 0)]));
    }

    [Fact]
    public void Ranked_candidates_carry_bands_that_never_improve_down_the_list()
    {
        var engine = new ReferralEngine(Atlas);

        foreach (var pain in new PainfulRegion[][]
                 {
                     [new("temple-left", 6), new("back-of-neck-left", 4)],
                     [new("throat", 5), new("side-of-neck-right", 4), new("jaw-left", 3)],
                     [new("ankle-front-right", 6)],
                     [new("ankle-back-left", 7), new("heel-left", 4)],
                 })
        {
            var ranked = engine.Rank(pain, take: 30);

            Assert.Equal(ranked[0].Coverage >= LikelihoodBands.MostLikelyCoverage ? LikelihoodBand.MostLikely : LikelihoodBand.AlsoPossible, ranked[0].Band);
            Assert.Equal(ranked.Select(c => c.Band).Order(), ranked.Select(c => c.Band));
            Assert.All(ranked, c => Assert.False(string.IsNullOrEmpty(c.Reason)));
        }
    }

    [Theory]
    [InlineData("ankle-front-left", "tibialis-anterior")]
    [InlineData("ankle-back-right", "soleus")]
    [InlineData("elbow-back-left", "triceps-brachii")]
    [InlineData("elbow-front-right", "biceps-brachii")]
    public void The_new_regions_point_to_their_classic_sources(string region, string muscle)
    {
        var ranked = new ReferralEngine(Atlas).Rank([new PainfulRegion(region, 6)], take: 10);

        Assert.Contains(muscle, ranked.Take(3).Select(c => c.Muscle.Id));
    }

    private static void AssertGoodEnglish(string sentence)
    {
        Assert.True(char.IsUpper(sentence[0]), sentence);
        Assert.EndsWith(".", sentence, StringComparison.Ordinal);
        foreach (var bad in (string[])
                 [
                     @"\b(the|your|a|an) (the|your|a|an)\b", // "the your", "the the"
                     @"\b(left|right) (the|your|left|right)\b", // "the left the …"
                     @"\b(left|right) (between|back of|front of|top of)\b", // "at the right between …", "your left back of the neck"
                     @"\ba [aeiou]", @"\ban [^aeiou\W]", // article agreement
                     "  ", " ,", ",,", @"\.\.", ", and ",
                 ])
        {
            Assert.False(Regex.IsMatch(sentence, bad), $"'{bad}' in: {sentence}");
        }

        var capitals = sentence[1..].Replace("FDS", "", StringComparison.Ordinal).Replace("FDP", "", StringComparison.Ordinal)
            .Replace(". D", ". d", StringComparison.Ordinal);
        Assert.False(capitals.Any(char.IsUpper), $"a capital inside: {sentence}");
    }
}
