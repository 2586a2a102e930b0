using NodaTime;
using Pinpoint.Core.Visits;

namespace Pinpoint.Core.Tests.Visits;

public sealed class VisitProgressTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 7, 0, 0);
    private static readonly Instant End = Start + Duration.FromMinutes(60);

    [Theory]
    [InlineData(VisitStage.Booked, VisitStep.SetOff, VisitStage.OnTheWay)]
    [InlineData(VisitStage.OnTheWay, VisitStep.Arrive, VisitStage.Arrived)]
    [InlineData(VisitStage.Booked, VisitStep.Arrive, VisitStage.Arrived)]
    [InlineData(VisitStage.Arrived, VisitStep.CheckOut, VisitStage.CheckedOut)]
    public void Each_tap_moves_the_visit_on_one_stage(VisitStage from, VisitStep step, VisitStage to)
    {
        var outcome = VisitProgress.Apply(from, step, Start, End, Start - Duration.FromMinutes(20));

        Assert.Equal(new VisitStepOutcome.Moved(from, to), outcome);
    }

    [Theory]
    [InlineData(VisitStage.OnTheWay, VisitStep.SetOff)]
    [InlineData(VisitStage.Arrived, VisitStep.SetOff)]
    [InlineData(VisitStage.Arrived, VisitStep.Arrive)]
    [InlineData(VisitStage.CheckedOut, VisitStep.Arrive)]
    [InlineData(VisitStage.CheckedOut, VisitStep.CheckOut)]
    public void A_repeated_or_late_tap_changes_nothing_and_is_not_an_error(VisitStage current, VisitStep step)
    {
        Assert.Equal(new VisitStepOutcome.AlreadyThere(current), VisitProgress.Apply(current, step, Start, End, Start));
    }

    [Fact]
    public void Checking_out_before_checking_in_is_refused_with_the_current_stage()
    {
        var outcome = VisitProgress.Apply(VisitStage.OnTheWay, VisitStep.CheckOut, Start, End, Start);

        var refused = Assert.IsType<VisitStepOutcome.NotAllowed>(outcome);
        Assert.Equal(VisitStage.OnTheWay, refused.Stage);
    }

    [Fact]
    public void Setting_off_the_day_before_and_checking_in_hours_early_are_refused()
    {
        Assert.IsType<VisitStepOutcome.NotAllowed>(VisitProgress.Apply(VisitStage.Booked, VisitStep.SetOff, Start, End, Start - Duration.FromHours(12)));
        Assert.IsType<VisitStepOutcome.NotAllowed>(VisitProgress.Apply(VisitStage.Booked, VisitStep.Arrive, Start, End, Start - Duration.FromHours(3)));
        Assert.IsType<VisitStepOutcome.Moved>(VisitProgress.Apply(VisitStage.Booked, VisitStep.SetOff, Start, End, Start - Duration.FromHours(3)));
    }

    [Fact]
    public void A_visit_long_over_takes_no_more_taps()
    {
        Assert.IsType<VisitStepOutcome.NotAllowed>(VisitProgress.Apply(VisitStage.Arrived, VisitStep.CheckOut, Start, End, End + Duration.FromHours(7)));
    }

    [Fact]
    public void No_sequence_of_taps_moves_a_visit_backwards_or_past_check_out_without_check_in()
    {
        // Every sequence of up to five taps at any of a spread of moments.
        var moments = Enumerable.Range(-10, 30).Select(m => Start + Duration.FromMinutes(m * 30)).ToArray();
        var steps = Enum.GetValues<VisitStep>();
        var sequences = steps.Select(s => new[] { s }).ToList();
        for (var length = 2; length <= 5; length++)
        {
            sequences = [.. sequences.Concat(sequences.Where(s => s.Length == length - 1).SelectMany(s => steps.Select(x => s.Append(x).ToArray())))];
        }

        foreach (var sequence in sequences)
        {
            foreach (var now in moments)
            {
                var stage = VisitStage.Booked;
                var arrived = false;
                foreach (var step in sequence)
                {
                    var next = VisitProgress.Apply(stage, step, Start, End, now).Stage;
                    Assert.True(next >= stage, $"{string.Join(",", sequence)} at {now}: {stage} → {next}");
                    arrived |= next >= VisitStage.Arrived;
                    Assert.True(next != VisitStage.CheckedOut || arrived, $"{string.Join(",", sequence)}: checked out without arriving");
                    stage = next;
                }
            }
        }
    }
}
