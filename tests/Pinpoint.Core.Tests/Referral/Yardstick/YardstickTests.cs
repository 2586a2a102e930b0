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
}
