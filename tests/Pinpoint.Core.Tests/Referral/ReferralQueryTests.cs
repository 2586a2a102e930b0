using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;

namespace Pinpoint.Core.Tests.Referral;

public sealed class ReferralQueryTests
{
    private static readonly Atlas Atlas = Atlas.Default;

    [Fact]
    public void A_valid_query_has_no_problems()
    {
        var query = new ReferralQuery([new("temple-left", 6), new("sacrum", 3)], ["Headache", "pins and needles"], "Desk", PainDuration.Weeks);

        Assert.Empty(query.Validate(Atlas));
    }

    [Fact]
    public void Every_unknown_region_id_is_named_under_its_own_field()
    {
        var query = new ReferralQuery([new("tempel-left", 6), new("temple-left", 4), new("knee-middle", 2)]);

        var problems = query.Validate(Atlas);

        Assert.Equal(["regions[0].id", "regions[2].id"], problems.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'tempel-left'", problems["regions[0].id"].Single(), StringComparison.Ordinal);
        Assert.Contains("'knee-middle'", problems["regions[2].id"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_query_is_rejected()
    {
        Assert.Contains("regions", new ReferralQuery([]).Validate(Atlas).Keys);
        Assert.Contains("regions", new ReferralQuery([new("temple-left", 0)]).Validate(Atlas).Keys);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Intensity_outside_0_to_10_is_rejected(int intensity)
    {
        var problems = new ReferralQuery([new("temple-left", intensity)]).Validate(Atlas);

        Assert.Equal(["regions[0].intensity"], problems.Keys);
    }

    [Fact]
    public void A_region_marked_twice_is_rejected()
    {
        var problems = new ReferralQuery([new("temple-left", 3), new("temple-left", 5)]).Validate(Atlas);

        Assert.Equal(["regions[1].id"], problems.Keys);
    }

    [Fact]
    public void Unknown_activities_are_named_but_unknown_symptom_words_are_not_errors()
    {
        var problems = new ReferralQuery([new("temple-left", 3)], ["headache", "glowing"], "skydiving").Validate(Atlas);

        Assert.Equal(["activity"], problems.Keys);
        Assert.Contains("running", problems["activity"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_absurd_amounts_of_symptom_text_are_refused()
    {
        PainfulRegion[] temple = [new("temple-left", 3)];

        Assert.Empty(new ReferralQuery(temple, [.. Enumerable.Repeat("tingling", ReferralQuery.MaxSymptomEntries)]).Validate(Atlas));
        Assert.Empty(new ReferralQuery(temple, [new string('x', ReferralQuery.MaxSymptomCharacters)]).Validate(Atlas));
        Assert.Equal(["symptoms"], new ReferralQuery(temple, [.. Enumerable.Repeat("a", ReferralQuery.MaxSymptomEntries + 1)]).Validate(Atlas).Keys);
        Assert.Equal(["symptoms"], new ReferralQuery(temple, ["ab", new string('x', ReferralQuery.MaxSymptomCharacters - 1)]).Validate(Atlas).Keys);
    }

    [Fact]
    public void A_query_can_mark_every_region_of_the_map_once() =>
        Assert.Equal(ReferralQuery.MaxRegions, Atlas.Regions.Count);

    [Fact]
    public void The_engine_refuses_an_invalid_query()
    {
        var engine = new ReferralEngine(Atlas);

        var error = Assert.Throws<InvalidReferralQueryException>(() => engine.Analyse(new ReferralQuery([new("nowhere", 5)])));
        Assert.Contains("regions[0].id", error.Problems.Keys);
    }

    [Theory]
    [InlineData("numbness", "numbness-tingling")]
    [InlineData("  Pins and Needles ", "numbness-tingling")]
    [InlineData("short of breath", "breathlessness")]
    [InlineData("STIFF", "stiffness")]
    public void Symptom_words_are_normalised_to_the_vocabulary(string word, string id)
    {
        Assert.Equal(id, Vocabulary.FindSymptom(word)?.Id);
    }

    [Fact]
    public void Every_symptom_complaint_and_activity_is_used_by_the_atlas()
    {
        var complaints = Atlas.Muscles.SelectMany(m => m.Complaints).ToHashSet(StringComparer.Ordinal);
        var activities = Atlas.Muscles.SelectMany(m => m.Activities).ToHashSet(StringComparer.Ordinal);

        Assert.All(Vocabulary.Symptoms.SelectMany(s => s.Complaints), c => Assert.Contains(c, complaints));
        Assert.Equal(activities.Order(StringComparer.Ordinal), Vocabulary.Activities.Select(a => a.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_symptom_word_in_the_literature_cases_is_in_the_vocabulary()
    {
        Assert.All(LiteratureCaseTests.Cases.SelectMany(c => c.Symptoms), word => Assert.NotNull(Vocabulary.FindSymptom(word)));
    }
}
