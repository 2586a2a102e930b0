using NodaTime;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Screening;

namespace Pinpoint.Core.Tests.Screening;

public sealed class ScreeningRulesTests
{
    private static readonly LocalDate Today = new(2026, 11, 30);

    private static Dictionary<string, ScreeningAnswer> AllNo() =>
        ScreeningRules.Questions.ToDictionary(q => q.Id, _ => new ScreeningAnswer(false));

    private static ScreeningResult Evaluate(Dictionary<string, ScreeningAnswer> answers, params string[] treated) =>
        ScreeningRules.Evaluate(new ScreeningContext(answers, treated, Today));

    private static ScreeningResult With(string question, ScreeningAnswer answer, params string[] treated)
    {
        var answers = AllNo();
        answers[question] = answer;
        return Evaluate(answers, treated);
    }

    [Fact]
    public void All_no_passes()
    {
        var result = Evaluate(AllNo(), "temple-left");

        Assert.Equal(ScreeningOutcome.Pass, result.Outcome);
        Assert.Empty(result.Triggered);
        Assert.True(result.CanBook);
    }

    [Theory]
    [InlineData("fever", "fever-infection")]
    [InlineData("leg-swelling", "suspected-dvt")]
    [InlineData("chest-breathless", "chest-pain-breathlessness")]
    public void Each_stop_question_stops_booking(string question, string rule)
    {
        var result = With(question, new ScreeningAnswer(true));

        Assert.Equal(ScreeningOutcome.Stop, result.Outcome);
        Assert.False(result.CanBook);
        Assert.Equal(rule, Assert.Single(result.Triggered).RuleId);
        Assert.Contains("doctor", result.Triggered[0].AdviceToClient, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(0, ScreeningOutcome.Stop)]
    [InlineData(41, ScreeningOutcome.Stop)]
    [InlineData(42, ScreeningOutcome.Pass)]
    [InlineData(80, ScreeningOutcome.Pass)]
    public void Surgery_in_the_treated_area_stops_for_six_weeks(int daysAgo, ScreeningOutcome expected)
    {
        var result = With("recent-surgery-fracture", new ScreeningAnswer(true, ["knee-front-left"], Today.PlusDays(-daysAgo)), "knee-front-left", "calf-left");

        Assert.Equal(expected, result.Outcome);
    }

    [Fact]
    public void Recent_surgery_elsewhere_is_a_caution_to_avoid_that_area()
    {
        var result = With("recent-surgery-fracture", new ScreeningAnswer(true, ["knee-front-right"], Today.PlusDays(-10)), "knee-front-left");

        Assert.Equal(ScreeningOutcome.Caution, result.Outcome);
        Assert.Equal("recent-surgery-fracture-elsewhere", Assert.Single(result.Triggered).RuleId);
        Assert.Equal(["knee-front-right"], result.AvoidRegions);
    }

    [Theory]
    [InlineData(true, true, ScreeningOutcome.Stop)]
    [InlineData(true, false, ScreeningOutcome.Pass)]
    [InlineData(false, true, ScreeningOutcome.Pass)]
    public void Weight_loss_stops_only_with_night_pain(bool weightLoss, bool nightPain, ScreeningOutcome expected)
    {
        var answers = AllNo();
        answers["weight-loss"] = new(weightLoss);
        answers["night-pain"] = new(nightPain);

        Assert.Equal(expected, Evaluate(answers).Outcome);
    }

    [Theory]
    [InlineData("anticoagulants", TreatmentConstraint.GentlePressureOnly)]
    [InlineData("osteoporosis", TreatmentConstraint.GentlePressureOnly)]
    [InlineData("pregnancy", TreatmentConstraint.RequiresPrenatalInterest)]
    [InlineData("diabetes-neuropathy", TreatmentConstraint.GentlePressureOnly)]
    [InlineData("cancer-treatment", TreatmentConstraint.RequiresMedicalClearance)]
    public void Each_caution_allows_booking_and_tells_the_therapist(string question, TreatmentConstraint constraint)
    {
        var result = With(question, new ScreeningAnswer(true));

        Assert.Equal(ScreeningOutcome.Caution, result.Outcome);
        Assert.True(result.CanBook);
        Assert.Contains(constraint, result.Constraints);
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(result.Triggered).NoteForTherapist));
    }

    [Fact]
    public void Skin_or_vein_problems_mark_their_regions_to_avoid()
    {
        var result = With("skin-veins", new ScreeningAnswer(true, ["calf-left", "calf-right"]));

        Assert.Equal(ScreeningOutcome.Caution, result.Outcome);
        Assert.Equal(["calf-left", "calf-right"], result.AvoidRegions);
    }

    [Fact]
    public void A_doctors_clearance_meets_the_cancer_treatment_requirement()
    {
        var answers = AllNo();
        answers["cancer-treatment"] = new(true);
        answers["medical-clearance"] = new(true);

        var result = Evaluate(answers);

        Assert.Equal(ScreeningOutcome.Caution, result.Outcome);
        Assert.DoesNotContain(TreatmentConstraint.RequiresMedicalClearance, result.Constraints);
        Assert.Contains(TreatmentConstraint.GentlePressureOnly, result.Constraints);
    }

    [Fact]
    public void Stop_beats_caution_and_every_fired_rule_is_kept()
    {
        var answers = AllNo();
        answers["anticoagulants"] = new(true);
        answers["fever"] = new(true);
        answers["pregnancy"] = new(true);

        var result = Evaluate(answers);

        Assert.Equal(ScreeningOutcome.Stop, result.Outcome);
        Assert.Equal(3, result.Triggered.Count);
        Assert.Equal(ScreeningOutcome.Stop, result.Triggered[0].Kind);
    }

    [Fact]
    public void Every_question_must_be_answered_except_clearance_without_cancer()
    {
        var answers = AllNo().ToDictionary(a => a.Key, a => (ScreeningAnswer?)a.Value);
        answers.Remove("fever");
        answers.Remove("medical-clearance");

        var errors = ScreeningRules.Validate(answers, Atlas.Default, Today);

        Assert.Equal(["answers.fever"], errors.Keys);
    }

    [Fact]
    public void Clearance_must_be_answered_after_a_yes_to_cancer_treatment()
    {
        var answers = AllNo().ToDictionary(a => a.Key, a => (ScreeningAnswer?)a.Value);
        answers["cancer-treatment"] = new(true);
        answers.Remove("medical-clearance");

        Assert.Equal(["answers.medical-clearance"], ScreeningRules.Validate(answers, Atlas.Default, Today).Keys);
    }

    [Theory]
    [InlineData("skin-veins", null, null, "Mark where")]
    [InlineData("skin-veins", "elbow-middle", null, "Unknown region")]
    [InlineData("recent-surgery-fracture", "knee-front-left", null, "the date")]
    [InlineData("recent-surgery-fracture", "knee-front-left", 5, "future")]
    public void A_yes_needs_its_details(string question, string? region, int? daysAhead, string message)
    {
        var answers = AllNo().ToDictionary(a => a.Key, a => (ScreeningAnswer?)a.Value);
        answers[question] = new ScreeningAnswer(true, region is null ? null : [region], daysAhead is { } d ? Today.PlusDays(d) : null);

        var errors = ScreeningRules.Validate(answers, Atlas.Default, Today);

        Assert.Contains(message, Assert.Single(errors[$"answers.{question}"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_questions_are_named()
    {
        var answers = AllNo().ToDictionary(a => a.Key, a => (ScreeningAnswer?)a.Value);
        answers["favourite-colour"] = new(true);

        Assert.Contains("answers.favourite-colour", ScreeningRules.Validate(answers, Atlas.Default, Today).Keys);
    }

    [Fact]
    public void Every_rule_can_fire()
    {
        var fired = new HashSet<string>();
        foreach (var question in ScreeningRules.Questions)
        {
            var answer = question.Detail switch
            {
                AnswerDetail.Regions => new ScreeningAnswer(true, ["calf-left"]),
                AnswerDetail.DateAndRegions => new ScreeningAnswer(true, ["calf-left"], Today.PlusDays(-3)),
                _ => new ScreeningAnswer(true),
            };
            fired.UnionWith(With(question.Id, answer, "calf-left").Triggered.Select(r => r.RuleId));
            fired.UnionWith(With(question.Id, answer, "temple-left").Triggered.Select(r => r.RuleId));
        }

        var both = AllNo();
        both["weight-loss"] = new(true);
        both["night-pain"] = new(true);
        fired.UnionWith(Evaluate(both).Triggered.Select(r => r.RuleId));

        Assert.Equal(ScreeningRules.RuleIds.Order(), fired.Order());
    }
}
