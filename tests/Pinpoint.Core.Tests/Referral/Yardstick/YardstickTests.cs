using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;
using Xunit.Abstractions;

namespace Pinpoint.Core.Tests.Referral.Yardstick;

/// <summary>The referral engine measured on cases from the pain guides and muscle chapters (see README.md here).</summary>
public sealed class YardstickTests(ITestOutputHelper output)
{
    private static readonly ReferralEngine Engine = new(Atlas.Default);

    [Fact]
    public void Reports_the_engine_and_the_lookup_table_on_both_halves()
    {
        foreach (var split in new[] { "tune", "holdout" })
        {
            var cases = Yardstick.Cases.Where(c => c.Split == split).ToList();
            output.WriteLine($"{split,-8} engine  {Yardstick.Score(cases, c => Yardstick.Engine(Engine, c))}");
            output.WriteLine($"{split,-8} lookup  {Yardstick.Score(cases, c => Yardstick.LookupTable(Atlas.Default, c))}");
            foreach (var kind in cases.Select(c => c.Kind).Distinct())
            {
                output.WriteLine($"   {kind,-15} engine {Yardstick.Score(cases.Where(c => c.Kind == kind), c => Yardstick.Engine(Engine, c))}");
            }
        }

        foreach (var @case in Yardstick.Cases)
        {
            var ranked = Yardstick.Engine(Engine, @case);
            output.WriteLine($"{(Yardstick.RecallAt(@case, ranked, 3) < 1 ? "MISS" : "ok  ")} {@case.Split,-7} {@case.Id}: main {string.Join(",", @case.Main)} | top {string.Join(",", ranked.Take(5))}");
        }
    }

    // The issue's targets, held on the half the constants were chosen on.
    [Fact]
    public void The_tuning_half_reaches_recall_at_3_of_080_recall_at_5_of_090_and_MRR_of_090()
    {
        var score = Yardstick.Score(Yardstick.Cases.Where(c => c.Split == "tune"), c => Yardstick.Engine(Engine, c));

        Assert.True(score.RecallAt3 >= 0.80, score.ToString());
        Assert.True(score.RecallAt5 >= 0.90, score.ToString());
        Assert.True(score.MeanReciprocalRank >= 0.90, score.ToString());
    }

    // The held-out half is reported, not tuned to; what it must do is beat the five-line lookup table.
    [Fact]
    public void The_held_out_half_beats_the_lookup_table_on_every_measure()
    {
        var cases = Yardstick.Cases.Where(c => c.Split == "holdout").ToList();
        var engine = Yardstick.Score(cases, c => Yardstick.Engine(Engine, c));
        var lookup = Yardstick.Score(cases, c => Yardstick.LookupTable(Atlas.Default, c));

        Assert.True(engine.RecallAt3 > lookup.RecallAt3 && engine.RecallAt5 > lookup.RecallAt5 && engine.MeanReciprocalRank > lookup.MeanReciprocalRank,
            $"engine {engine}; lookup table {lookup}");
    }

    [Fact]
    public void No_case_loses_the_top_three_hit_it_had_before_the_engine_ranked_by_the_guides()
    {
        var before = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Referral", "Yardstick", "top3-hits-before.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).ToHashSet(StringComparer.Ordinal);

        var lost = Yardstick.Cases.Where(c => before.Contains(c.Id))
            .Where(c => !Yardstick.Engine(Engine, c).Take(3).Any(m => c.Main.Contains(m, StringComparer.Ordinal)))
            .Select(c => $"{c.Id}: main {string.Join(", ", c.Main)}, top {string.Join(", ", Yardstick.Engine(Engine, c).Take(3))}")
            .ToList();

        Assert.True(before.Count > 100, "the list of earlier hits did not load");
        Assert.Empty(lost);
    }
}
