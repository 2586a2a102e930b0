using NodaTime;
using Pinpoint.Core.Visits;

namespace Pinpoint.Core.Tests.Visits;

public sealed class WelfareRulesTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 7, 0, 0);
    private static readonly Instant End = Start + Duration.FromMinutes(60);
    private static readonly WelfareThresholds Thresholds = WelfareThresholds.Default;

    [Fact]
    public void No_check_in_is_a_concern_from_fifteen_minutes_after_the_start_and_not_a_minute_before()
    {
        Assert.Null(WelfareRules.Concern(VisitStage.OnTheWay, Start, End, Start + Duration.FromMinutes(14), Thresholds));
        Assert.Equal(WelfareConcern.NoCheckIn, WelfareRules.Concern(VisitStage.OnTheWay, Start, End, Start + Duration.FromMinutes(15), Thresholds));
        Assert.Equal(WelfareConcern.NoCheckIn, WelfareRules.Concern(VisitStage.Booked, Start, End, Start + Duration.FromMinutes(15), Thresholds));
    }

    [Fact]
    public void No_check_out_is_a_concern_from_forty_minutes_after_the_booked_end()
    {
        Assert.Null(WelfareRules.Concern(VisitStage.Arrived, Start, End, End + Duration.FromMinutes(39), Thresholds));
        Assert.Equal(WelfareConcern.NoCheckOut, WelfareRules.Concern(VisitStage.Arrived, Start, End, End + Duration.FromMinutes(40), Thresholds));
    }

    [Fact]
    public void A_checked_out_visit_raises_nothing_however_late()
    {
        Assert.Null(WelfareRules.Concern(VisitStage.CheckedOut, Start, End, End + Duration.FromHours(5), Thresholds));
    }

    [Fact]
    public void The_thresholds_are_the_deployments_to_set()
    {
        var strict = new WelfareThresholds(Duration.FromMinutes(5), Duration.FromMinutes(10));

        Assert.Equal(WelfareConcern.NoCheckIn, WelfareRules.Concern(VisitStage.Booked, Start, End, Start + Duration.FromMinutes(5), strict));
        Assert.Equal(WelfareConcern.NoCheckOut, WelfareRules.Concern(VisitStage.Arrived, Start, End, End + Duration.FromMinutes(10), strict));
    }

    [Theory]
    [InlineData(VisitStage.Booked, -30, VisitWatch.Upcoming)]
    [InlineData(VisitStage.Booked, 5, VisitWatch.Late)]
    [InlineData(VisitStage.OnTheWay, -10, VisitWatch.OnTheWay)]
    [InlineData(VisitStage.OnTheWay, 5, VisitWatch.Late)]
    [InlineData(VisitStage.Arrived, 30, VisitWatch.InSession)]
    [InlineData(VisitStage.Arrived, 61, VisitWatch.OverdueCheckOut)]
    [InlineData(VisitStage.CheckedOut, 61, VisitWatch.Finished)]
    public void The_live_board_sorts_visits_by_what_is_happening(VisitStage stage, int minutesFromStart, VisitWatch expected)
    {
        Assert.Equal(expected, WelfareRules.Watch(stage, Start, End, Start + Duration.FromMinutes(minutesFromStart)));
    }
}
