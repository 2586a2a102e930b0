using NodaTime;
using Pinpoint.Core.Visits;

namespace Pinpoint.Core.Tests.Visits;

public sealed class VisitEtaTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 7, 0, 0);
    private static readonly Instant End = Start + Duration.FromMinutes(60);

    [Fact]
    public void The_promise_at_set_off_is_the_drive_rounded_up_to_the_minute()
    {
        var now = Start - Duration.FromMinutes(30) + Duration.FromSeconds(10);

        Assert.Equal(Start - Duration.FromMinutes(10), VisitProgress.EtaAfter(now, Duration.FromMinutes(19)));
        Assert.Equal(Start, VisitProgress.EtaAfter(Start, Duration.Zero));
        Assert.Equal(Start, VisitProgress.EtaAfter(Start, Duration.FromMinutes(-5)));
    }

    [Fact]
    public void A_new_arrival_time_lies_between_now_and_the_booked_end()
    {
        var now = Start - Duration.FromMinutes(5);

        Assert.Null(VisitProgress.EtaProblem(End, now, Start + Duration.FromMinutes(15)));
        Assert.Contains("later than now", VisitProgress.EtaProblem(End, now, now), StringComparison.Ordinal);
        Assert.Contains("no time for the session", VisitProgress.EtaProblem(End, now, End), StringComparison.Ordinal);
    }
}
