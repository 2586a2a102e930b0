using BenchmarkDotNet.Attributes;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;

namespace Pinpoint.Bench;

/// <summary>One "where does it hurt?" query; issue 3 asks for well under a millisecond.</summary>
[MemoryDiagnoser]
public class ReferralBenchmarks
{
    private readonly ReferralEngine _engine = new(Atlas.Default);
    private readonly PainfulRegion[] _headache = [new("temple-left", 6), new("back-of-neck-left", 4), new("upper-trapezius-ridge-left", 5)];

    [Benchmark]
    public int RankThreeRegions() => _engine.Rank(_headache, "desk").Count;
}
