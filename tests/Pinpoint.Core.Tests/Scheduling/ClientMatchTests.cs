using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Intake;
using Pinpoint.Core.Referral;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Core.Tests.Scheduling;

public sealed class ClientMatchTests
{
    [Fact]
    public void Complaints_sources_activity_and_duration_become_interests()
    {
        var match = ClientMatch.From(["tension-headaches"], ["low-back-pain", "not-a-tag"], "running", PainDuration.Years);

        Assert.Equal(["chronic-pain", "headaches", "low-back", "runners"], match.Interests.Order(StringComparer.Ordinal));
        Assert.Null(match.Gender);
        Assert.Null(match.RequiredInterest);
    }

    [Fact]
    public void Recent_pain_is_not_chronic()
    {
        Assert.DoesNotContain("chronic-pain", ClientMatch.From([], [], null, PainDuration.Weeks).Interests);
    }

    [Fact]
    public void Every_interest_a_match_can_name_is_one_a_therapist_can_list()
    {
        var everything = ClientMatch.From(
            IntakeChoices.Complaints.Select(c => c.Id),
            Atlas.Default.Muscles.SelectMany(m => m.Complaints),
            null, PainDuration.Years, requiresPrenatalCare: true);
        var activities = Vocabulary.Activities.SelectMany(a => ClientMatch.From([], [], a.Id, null).Interests);
        var known = Interests.All.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);

        Assert.True(everything.Interests.Count >= 8);
        Assert.All(everything.Interests.Concat(activities), id => Assert.Contains(id, known));
    }

    [Theory]
    [InlineData(new string[0], 0.0)]
    [InlineData(new[] { "headaches" }, 1.0 / 3)]
    [InlineData(new[] { "headaches", "low-back", "runners" }, 1.0)]
    [InlineData(new[] { "headaches", "low-back", "runners", "chronic-pain" }, 1.0)]
    [InlineData(new[] { "musicians" }, 0.0)]
    public void Expertise_is_the_share_of_up_to_three_relevant_interests(string[] therapist, double expected)
    {
        var match = ClientMatch.From(["tension-headaches", "low-back-pain"], [], "running", PainDuration.Years);

        Assert.Equal(expected, match.Expertise(therapist), 6);
    }

    [Fact]
    public void A_client_with_no_relevant_interests_gives_no_expertise_score()
    {
        Assert.Equal(0, ClientMatch.None.Expertise(["headaches"]));
    }

    [Fact]
    public void Gender_and_required_interests_admit_or_refuse()
    {
        var match = ClientMatch.From([], [], null, null, MatchGender.Female, requiresPrenatalCare: true);

        Assert.True(match.Admits(MatchGender.Female, [Interests.Prenatal, "headaches"]));
        Assert.False(match.Admits(MatchGender.Female, ["headaches"]));
        Assert.False(match.Admits(MatchGender.Male, [Interests.Prenatal]));
        Assert.True(ClientMatch.None.Admits(MatchGender.Unspecified, []));
    }
}
