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

    // A busy picture: eight regions over four segments, symptoms, an activity and a red flag.
    private readonly ReferralQuery _widespread = new(
        [
            new("temple-left", 6), new("back-of-neck-left", 4), new("upper-trapezius-ridge-left", 5), new("interscapular-left", 3),
            new("low-back-left", 7), new("buttock-upper-left", 5), new("thigh-back-left", 4), new("calf-left", 3),
        ],
        ["headache", "stiffness", "numbness", "weakness"], "desk", PainDuration.Years);

    [Benchmark]
    public int RankThreeRegions() => _engine.Rank(_headache, "desk").Count;

    private readonly ReferralExplanation _explanation = new(Atlas.Default);
    private IReadOnlyList<ReferralCandidate> _ranked = [];

    [GlobalSetup]
    public void Setup() => _ranked = _engine.Rank(_headache, "desk");

    private readonly string[] _words = ["Sciatica-like, shooting pain down my leg", "pins and needles", "no fever", "tennis elbow"];

    [Benchmark]
    public int AnalyseEightRegionsWithSymptoms() => _engine.Analyse(_widespread).Candidates.Count;

    /// <summary>The words step of a ranking on its own: reasons, coverage and bands for the ten candidates of the first benchmark.</summary>
    [Benchmark]
    public int DescribeTenCandidates() => _explanation.Describe(_headache, _ranked).Count;

    /// <summary>Free text read against the vocabulary: four entries, five terms, one negated, one part ignored.</summary>
    [Benchmark]
    public int RecogniseFreeText() => Vocabulary.Recognise(_words).Terms.Count;
}
