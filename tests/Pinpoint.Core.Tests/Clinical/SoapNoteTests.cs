using NodaTime;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Clinical;

namespace Pinpoint.Core.Tests.Clinical;

public sealed class SoapNoteTests
{
    private static readonly Atlas Atlas = Atlas.Default;

    private static TriggerPointFinding Trapezius(BodySide? side = BodySide.Left, string region = "upper-trapezius-ridge-left") => new()
    {
        MuscleId = "upper-trapezius", Side = side, RegionId = region, Activity = TriggerPointActivity.Active, Tenderness = 7,
        ReferralReproduced = true, LocalTwitch = true, Techniques = ["ischemic-compression", "stretch-and-spray"], PressureTolerated = "gentle",
    };

    private static SoapNote Complete => new()
    {
        Subjective = "Headache at the left temple most afternoons.", PainBefore = 6, Findings = [Trapezius()],
        Assessment = "Active upper trapezius point reproducing the temple headache.", Plan = "Weekly for four weeks; chin tucks.", PainAfter = 3,
        ClientSummary = "Your headache came from the top of your shoulder.",
    };

    [Fact]
    public void A_complete_note_has_no_errors_as_a_draft_or_for_signing()
    {
        Assert.Empty(SoapNoteValidation.ForDraft(Complete, Atlas));
        Assert.Empty(SoapNoteValidation.ForSigning(Complete, Atlas));
    }

    [Fact]
    public void A_draft_may_be_empty_but_signing_needs_the_report_scores_assessment_and_plan()
    {
        Assert.Empty(SoapNoteValidation.ForDraft(new SoapNote(), Atlas));

        var errors = SoapNoteValidation.ForSigning(new SoapNote(), Atlas);

        Assert.Equal(["assessment", "painAfter", "painBefore", "plan", "subjective"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unknown_muscles_and_regions_are_named_with_their_position()
    {
        var note = Complete with { Findings = [Trapezius(), Trapezius() with { MuscleId = "gluteus-giganticus" }, Trapezius(region: "left-elbow-nowhere")] };

        var errors = SoapNoteValidation.ForDraft(note, Atlas);

        Assert.Equal(["findings[1].muscleId", "findings[2].regionId"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("gluteus-giganticus", errors["findings[1].muscleId"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_point_needs_its_side_and_the_region_on_that_side()
    {
        var errors = SoapNoteValidation.ForDraft(Complete with { Findings = [Trapezius(side: null), Trapezius(BodySide.Right)] }, Atlas);

        Assert.Contains("left or right", errors["findings[0].side"][0], StringComparison.Ordinal);
        Assert.Contains("left side", errors["findings[1].regionId"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void Tenderness_and_pain_are_scored_0_to_10(int score, bool wrong)
    {
        var errors = SoapNoteValidation.ForDraft(Complete with { PainBefore = score, Findings = [Trapezius() with { Tenderness = score }] }, Atlas);

        Assert.Equal(wrong, errors.ContainsKey("painBefore"));
        Assert.Equal(wrong, errors.ContainsKey("findings[0].tenderness"));
    }

    [Fact]
    public void Techniques_and_pressure_come_from_their_lists()
    {
        var errors = SoapNoteValidation.ForDraft(
            Complete with { Findings = [Trapezius() with { Techniques = ["stripping", "elbow-drop"], PressureTolerated = "brutal" }] }, Atlas);

        Assert.Contains("'elbow-drop'", errors["findings[0].techniques"][0], StringComparison.Ordinal);
        Assert.True(errors.ContainsKey("findings[0].pressureTolerated"));
    }

    [Fact]
    public void Long_text_is_refused()
    {
        var errors = SoapNoteValidation.ForDraft(Complete with { Plan = new string('x', SoapNoteValidation.MaxTextLength + 1) }, Atlas);

        Assert.True(errors.ContainsKey("plan"));
    }

    [Fact]
    public void A_note_locks_when_signed_or_24_hours_after_the_session()
    {
        var end = Instant.FromUtc(2026, 11, 25, 1, 0);

        Assert.False(NoteLifecycle.IsLocked(null, end, end + Duration.FromHours(23) + Duration.FromMinutes(59)));
        Assert.True(NoteLifecycle.IsLocked(null, end, end + Duration.FromHours(24)));
        Assert.True(NoteLifecycle.IsLocked(end + Duration.FromMinutes(5), end, end + Duration.FromMinutes(6)));
    }

    [Fact]
    public void The_client_summary_speaks_plainly_and_leaves_out_the_working_notes()
    {
        var summary = SessionSummaries.For(Complete with { Findings = [Trapezius() with { Note = "PRIVATE: guarded" }] }, Atlas);

        Assert.Equal("Upper trapezius (left)", summary.Points[0].Muscle);
        Assert.Equal("steady pressure, cooling and stretching", summary.Points[0].Treatment);
        Assert.True(summary.Points[0].SourceOfYourPain);
        Assert.Contains("from 6 to 3 out of 10", summary.Headline, StringComparison.Ordinal);
        Assert.Equal("Your headache came from the top of your shoulder.", summary.FromYourTherapist);
        Assert.DoesNotContain("PRIVATE", System.Text.Json.JsonSerializer.Serialize(summary), StringComparison.Ordinal);
        Assert.DoesNotContain("Weekly for four weeks", System.Text.Json.JsonSerializer.Serialize(summary), StringComparison.Ordinal);
    }
}
