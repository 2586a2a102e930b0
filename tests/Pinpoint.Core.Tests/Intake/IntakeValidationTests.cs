using NodaTime;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Intake;
using Pinpoint.Core.Referral;
using Pinpoint.Core.Screening;

namespace Pinpoint.Core.Tests.Intake;

public sealed class IntakeValidationTests
{
    private static readonly LocalDate Today = new(2026, 11, 30);

    private static Dictionary<string, ScreeningAnswer?> AllNo() =>
        ScreeningRules.Questions.ToDictionary(q => q.Id, _ => (ScreeningAnswer?)new ScreeningAnswer(false));

    [Fact]
    public void An_empty_draft_is_valid_and_defaults_to_gentle_pressure()
    {
        var content = new IntakeContent();

        Assert.Empty(IntakeValidation.ForDraft(content, Atlas.Default, Today));
        Assert.Equal("gentle", content.Preferences.Pressure);
    }

    [Fact]
    public void A_draft_with_half_the_screening_answered_is_valid()
    {
        var content = new IntakeContent { Screening = new Dictionary<string, ScreeningAnswer?> { ["fever"] = new(false) } };

        Assert.Empty(IntakeValidation.ForDraft(content, Atlas.Default, Today));
    }

    [Fact]
    public void Wrong_values_in_a_draft_are_named()
    {
        var content = new IntakeContent
        {
            Regions = [new("temple-left", 6), new("tempel-right", 2)],
            Complaints = ["tension-headaches", "toothache"],
            Goals = ["world-peace"],
            Activity = "skydiving",
            Better = new string('x', 1001),
            Preferences = new SessionPreferences { Pressure = "crushing", AvoidRegions = ["elbow-middle"], Scent = "smoke" },
            Screening = new Dictionary<string, ScreeningAnswer?> { ["skin-veins"] = new(true), ["favourite-colour"] = new(true) },
        };

        var errors = IntakeValidation.ForDraft(content, Atlas.Default, Today);

        Assert.Equal(
            ["activity", "better", "complaints", "goals", "preferences.avoidRegions", "preferences.pressure", "preferences.scent", "regions[1].id",
             "screening.favourite-colour", "screening.skin-veins"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_submission_needs_regions_duration_and_every_screening_answer()
    {
        var errors = IntakeValidation.ForSubmission(new IntakeContent { Screening = new Dictionary<string, ScreeningAnswer?> { ["fever"] = new(false) } }, Atlas.Default, Today);

        Assert.Contains("regions", errors.Keys);
        Assert.Contains("duration", errors.Keys);
        Assert.Contains("screening.anticoagulants", errors.Keys);
        Assert.DoesNotContain("screening.fever", errors.Keys);
    }

    [Fact]
    public void A_complete_intake_can_be_submitted()
    {
        var content = new IntakeContent
        {
            Regions = [new("low-back-left", 6), new("buttock-upper-left", 4)], Duration = PainDuration.Months,
            Complaints = ["low-back-pain"], Goals = ["pain-relief", "sleep"], Activity = "desk", Screening = AllNo(),
        };

        Assert.Empty(IntakeValidation.ForSubmission(content, Atlas.Default, Today));
    }
}
