using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Outcomes;

namespace Pinpoint.Core.Tests.Outcomes;

public sealed class OutcomeMeasureTests
{
    private static Dictionary<string, int?> Answers(Instrument instrument, params int?[] values) =>
        instrument.Items.Zip(values).Where(p => p.Second is not null).ToDictionary(p => p.First.Id, p => p.Second);

    [Fact]
    public void Pain_is_the_single_rating()
    {
        Assert.Equal(6, OutcomeMeasures.Pain.Score(new Dictionary<string, int?> { ["pain"] = 6 }).Value);
        Assert.True(OutcomeMeasures.Pain.Score(new Dictionary<string, int?>()).Errors.ContainsKey("answers.pain"));
        Assert.True(OutcomeMeasures.Pain.Score(new Dictionary<string, int?> { ["pain"] = 11 }).Errors.ContainsKey("answers.pain"));
        Assert.True(OutcomeMeasures.Pain.Score(new Dictionary<string, int?> { ["pain"] = 3, ["mood"] = 2 }).Errors.ContainsKey("answers.mood"));
    }

    [Fact]
    public void Function_is_the_average_of_three_to_five_activities()
    {
        var psfs = OutcomeMeasures.Function;

        Assert.Equal(5.0, psfs.Score(Answers(psfs, 4, 6, 5)).Value);
        Assert.Equal(4.8, psfs.Score(Answers(psfs, 4, 6, 5, 2, 7)).Value);
        Assert.True(psfs.Score(Answers(psfs, 4, 6)).Errors.ContainsKey("answers"));
        Assert.True(psfs.Score(Answers(psfs, 4, 6, 11)).Errors.ContainsKey("answers.activity-3"));
    }

    [Fact]
    public void The_neck_index_sums_to_50_and_scales_up_one_unanswered_section()
    {
        var ndi = OutcomeMeasures.Neck;

        Assert.Equal(12, ndi.Score(Answers(ndi, 2, 1, 0, 3, 2, 1, 2, 0, 1, 0)).Value);
        Assert.Equal(13.3, ndi.Score(Answers(ndi, 2, 1, 0, 3, 2, 1, 2, 0, 1, null)).Value);
        Assert.Equal(50, ndi.Score(Answers(ndi, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5)).Value);
        Assert.Contains("2 are unanswered", ndi.Score(Answers(ndi, 2, 1, 0, 3, 2, 1, 2, 0, null, null)).Errors["answers"][0], StringComparison.Ordinal);
        Assert.True(ndi.Score(Answers(ndi, 2, 1, 0, 3, 2, 1, 2, 0, 1, 6)).Errors.ContainsKey("answers.neck-leisure"));
    }

    [Fact]
    public void The_oswestry_index_is_a_percentage()
    {
        var odi = OutcomeMeasures.LowBack;

        Assert.Equal(36, odi.Score(Answers(odi, 3, 1, 2, 2, 3, 2, 1, 0, 2, 2)).Value);
        Assert.Equal(40, odi.Score(Answers(odi, 3, 1, 2, 2, 3, 2, 1, null, 2, 2)).Value);
        Assert.Equal(0, odi.Score(Answers(odi, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).Value);
    }

    [Fact]
    public void The_stress_scale_reverses_its_four_positive_items_and_needs_all_ten()
    {
        var pss = OutcomeMeasures.Stress;

        Assert.Equal(20, pss.Score(Answers(pss, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)).Value);
        Assert.Equal(16, pss.Score(Answers(pss, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).Value);
        Assert.Equal(40, pss.Score(Answers(pss, 4, 4, 4, 0, 0, 4, 0, 0, 4, 4)).Value);
        Assert.True(pss.Score(Answers(pss, 2, 2, 2, 2, 2, 2, 2, 2, 2, null)).Errors.ContainsKey("answers.stress-piling-up"));
    }

    [Fact]
    public void Sleep_is_one_rating_where_higher_is_better()
    {
        Assert.Equal(4, OutcomeMeasures.Sleep.Score(new Dictionary<string, int?> { ["sleep"] = 4 }).Value);
        Assert.True(OutcomeMeasures.Sleep.Score(new Dictionary<string, int?> { ["sleep"] = null }).Errors.ContainsKey("answers.sleep"));
        Assert.Equal("Your sleep score improved by 1 point — a change most people notice.", OutcomeMeasures.Change(OutcomeMeasures.Sleep, 4, 5).Reading);
    }

    [Theory]
    [InlineData(20.0, 12.5, ChangeKind.Improved)]
    [InlineData(20.0, 12.6, ChangeKind.NoMeaningfulChange)]
    [InlineData(12.5, 20.0, ChangeKind.Worse)]
    [InlineData(12.6, 20.0, ChangeKind.NoMeaningfulChange)]
    public void A_change_counts_from_the_mcid_itself(double before, double after, ChangeKind expected)
    {
        Assert.Equal(expected, OutcomeMeasures.Change(OutcomeMeasures.Neck, before, after).Kind);
    }

    [Fact]
    public void Higher_is_better_on_the_functional_scale()
    {
        Assert.Equal(ChangeKind.Improved, OutcomeMeasures.Change(OutcomeMeasures.Function, 3, 5).Kind);
        Assert.Equal(ChangeKind.Worse, OutcomeMeasures.Change(OutcomeMeasures.Function, 5, 3).Kind);
    }

    [Fact]
    public void Changes_are_read_in_plain_words()
    {
        Assert.Equal("Your neck disability score improved by 12 points — a change most people notice.",
            OutcomeMeasures.Change(OutcomeMeasures.Neck, 24, 12).Reading);
        Assert.Equal("Your back disability score improved by 4 percentage points; most people notice a change from about 10.",
            OutcomeMeasures.Change(OutcomeMeasures.LowBack, 40, 36).Reading);
        Assert.StartsWith("Your pain score got worse by 3 points.", OutcomeMeasures.Change(OutcomeMeasures.Pain, 3, 6).Reading, StringComparison.Ordinal);
    }

    [Fact]
    public void The_region_decides_which_disability_index_applies()
    {
        var atlas = Atlas.Default;

        Assert.Equal(["psfs", "ndi", "sqs", "pss10"], OutcomeMeasures.For(["temple-left"], atlas).Select(i => i.Id));
        Assert.Equal(["psfs", "odi", "sqs", "pss10"], OutcomeMeasures.For(["low-back-left"], atlas).Select(i => i.Id));
        Assert.Equal(["psfs", "sqs", "pss10"], OutcomeMeasures.For(["knee-front-left"], atlas).Select(i => i.Id));
        Assert.Equal(["psfs", "ndi", "odi", "sqs", "pss10"], OutcomeMeasures.For(["back-of-neck-right", "low-back-left"], atlas).Select(i => i.Id));
    }

    [Theory]
    [InlineData(0, null, false, true)]
    [InlineData(2, 0, false, false)]
    [InlineData(3, 0, false, true)]
    [InlineData(4, 3, true, true)]
    [InlineData(4, 4, true, false)]
    public void Questionnaires_are_due_at_the_start_every_third_session_and_at_the_end_of_a_plan(int completed, int? last, bool planFinished, bool due)
    {
        Assert.Equal(due, OutcomeSchedule.IsDue(completed, last, planFinished));
    }

    [Fact]
    public void Every_instrument_names_its_source_and_a_positive_mcid_inside_its_range()
    {
        Assert.All(OutcomeMeasures.All, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Source));
            Assert.InRange(i.Mcid, 0.1, i.Max - i.Min);
            Assert.Equal(i.Items.Count, i.Items.Select(item => item.Id).Distinct().Count());
        });
    }
}
