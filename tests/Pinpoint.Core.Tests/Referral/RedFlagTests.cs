using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;

namespace Pinpoint.Core.Tests.Referral;

public sealed class RedFlagTests
{
    private static IReadOnlyList<RedFlag> Check(PainfulRegion[] regions, params string[] symptoms) =>
        RedFlags.Check(Atlas.Default, new ReferralQuery(regions, symptoms));

    [Fact]
    public void Chest_pain_with_breathlessness_is_an_emergency()
    {
        var flag = Assert.Single(Check([new("chest-upper-left", 7)], "shortness of breath"));

        Assert.Equal("chest-pain-breathlessness", flag.Code);
        Assert.Equal(RedFlagUrgency.Emergency, flag.Urgency);
        Assert.Equal(["chest-upper-left"], flag.Regions);
        Assert.Contains("000", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chest_pain_alone_or_breathlessness_alone_raises_nothing()
    {
        Assert.Empty(Check([new("chest-upper-left", 5)]));
        Assert.Empty(Check([new("back-of-neck-left", 5)], "breathlessness"));
    }

    [Fact]
    public void Chest_pain_with_left_arm_pain_asks_for_a_doctor()
    {
        var flag = Assert.Single(Check([new("sternum", 5), new("upper-arm-front-left", 4)]));

        Assert.Equal("chest-pain-arm-jaw", flag.Code);
        Assert.Equal(["sternum", "upper-arm-front-left"], flag.Regions);
    }

    [Fact]
    public void Chest_pain_with_right_arm_pain_is_not_the_cardiac_pattern()
    {
        Assert.Empty(Check([new("chest-upper-right", 5), new("upper-arm-front-right", 4)]));
    }

    [Fact]
    public void Calf_pain_with_swelling_suggests_a_clot()
    {
        var flag = Assert.Single(Check([new("calf-right", 6)], "swollen"));

        Assert.Equal("suspected-dvt", flag.Code);
        Assert.Equal(["calf-right"], flag.Regions);
    }

    [Fact]
    public void Headache_with_fever_is_an_emergency_and_fever_elsewhere_is_not()
    {
        Assert.Equal("fever-headache-neck", Assert.Single(Check([new("back-of-head-left", 6)], "fever")).Code);
        Assert.Equal("fever", Assert.Single(Check([new("low-back-left", 6)], "fever")).Code);
    }

    [Fact]
    public void Saddle_numbness_or_bladder_changes_with_back_pain_is_an_emergency()
    {
        var flag = Assert.Single(Check([new("low-back-left", 6), new("perineum", 3)], "numbness"), f => f.Code == "cauda-equina");
        Assert.Equal(RedFlagUrgency.Emergency, flag.Urgency);
        Assert.Equal(["low-back-left", "perineum"], flag.Regions.Order(StringComparer.Ordinal));

        Assert.Contains(Check([new("low-back-right", 6)], "bladder"), f => f.Code == "cauda-equina");
    }

    [Fact]
    public void Emergencies_come_before_see_a_doctor_advice()
    {
        var flags = Check([new("temple-left", 8), new("calf-left", 4)], "swelling", "sudden-severe", "fever");

        Assert.True(flags.Count >= 3);
        Assert.Equal(flags.OrderByDescending(f => f.Urgency).Select(f => f.Code), flags.Select(f => f.Code));
        Assert.Equal(RedFlagUrgency.Emergency, flags[0].Urgency);
    }

    [Fact]
    public void An_ordinary_tension_headache_raises_nothing()
    {
        Assert.Empty(Check([new("temple-left", 6), new("back-of-neck-left", 4)], "headache", "stiffness"));
    }

    [Fact]
    public void Regions_marked_zero_do_not_raise_flags()
    {
        Assert.Empty(Check([new("chest-upper-left", 0), new("temple-left", 3)], "breathlessness"));
    }
}
