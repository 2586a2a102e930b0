using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Referral;

namespace Pinpoint.Core.Tests.Referral;

public sealed class ModalityAdvisorTests
{
    private static ModalitySuggestion Suggest(PainfulRegion[] regions, string? activity = null, PainDuration? duration = null, params string[] symptoms) =>
        ModalityAdvisor.Suggest(Atlas.Default, new ReferralQuery(regions, symptoms, activity, duration));

    [Fact]
    public void Sport_overuse_suggests_sports_therapy()
    {
        var suggestion = Suggest([new("shin-left", 6)], "running");

        Assert.Equal(Modality.Sports, suggestion.Modality);
        Assert.Contains("running", Assert.Single(suggestion.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Many_regions_suggest_clinical_therapy_even_for_an_athlete()
    {
        var suggestion = Suggest([new("low-back-left", 5), new("buttock-upper-left", 4), new("thigh-back-left", 3), new("calf-left", 2)], "running");

        Assert.Equal(Modality.Clinical, suggestion.Modality);
        Assert.Contains("4 areas", suggestion.Reasons[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PainDuration.Months)]
    [InlineData(PainDuration.Years)]
    public void Long_standing_pain_suggests_clinical_therapy(PainDuration duration)
    {
        Assert.Equal(Modality.Clinical, Suggest([new("heel-left", 6)], duration: duration).Modality);
    }

    [Fact]
    public void Desk_work_with_pain_in_two_segments_is_postural_and_clinical()
    {
        var suggestion = Suggest([new("temple-left", 6), new("back-of-neck-left", 4)], "desk");

        Assert.Equal(Modality.Clinical, suggestion.Modality);
        Assert.Contains(suggestion.Reasons, r => r.Contains("postural", StringComparison.Ordinal));
    }

    [Fact]
    public void Desk_work_with_one_area_or_nerve_like_symptoms_suggests_neuromuscular_therapy()
    {
        Assert.Equal(Modality.Neuromuscular, Suggest([new("back-of-neck-left", 4)], "desk").Modality);
        Assert.Equal(Modality.Neuromuscular, Suggest([new("forearm-front-right", 4)], symptoms: "tingling").Modality);
    }

    [Fact]
    public void A_focused_recent_pattern_suggests_myofascial_therapy()
    {
        var suggestion = Suggest([new("temple-right", 5)], duration: PainDuration.Days);

        Assert.Equal(Modality.Myofascial, suggestion.Modality);
        Assert.NotEmpty(suggestion.Reasons);
    }
}
