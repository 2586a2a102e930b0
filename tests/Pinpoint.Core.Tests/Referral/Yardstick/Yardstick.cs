using System.Globalization;
using System.Text.Json;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;

namespace Pinpoint.Core.Tests.Referral.Yardstick;

/// <summary>One case of <c>pain-guide-cases.json</c>: marked regions and the sources the literature names first.</summary>
public sealed record YardstickCase(
    string Id, string Kind, string Split, string Source, PainfulRegion[] Regions, string[] Symptoms, BodySide? Side, string[] Main);

/// <summary>recall@3, recall@5 and the mean reciprocal rank of the first main source, over a set of cases.</summary>
public sealed record YardstickScore(int Cases, double RecallAt3, double RecallAt5, double MeanReciprocalRank, double HitAt3)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Cases} recall@3={RecallAt3:0.00} recall@5={RecallAt5:0.00} MRR={MeanReciprocalRank:0.00} hit@3={HitAt3:0.00}");
}

/// <summary>
/// Measures a ranker on the cases. A ranker answers a case with muscle ids, best first; for a case on one side only
/// the muscles of that side (or of the midline) count, and each muscle counts once however many sides it has.
/// </summary>
public static class Yardstick
{
    public static IReadOnlyList<YardstickCase> Cases { get; } = Load();

    public static YardstickScore Score(IEnumerable<YardstickCase> cases, Func<YardstickCase, IReadOnlyList<string>> ranker)
    {
        var list = cases.ToList();
        double r3 = 0, r5 = 0, mrr = 0, hit3 = 0;
        foreach (var @case in list)
        {
            var ranked = ranker(@case);
            r3 += RecallAt(@case, ranked, 3);
            r5 += RecallAt(@case, ranked, 5);
            var first = ranked.Select((m, i) => (m, i)).FirstOrDefault(x => @case.Main.Contains(x.m, StringComparer.Ordinal));
            mrr += first.m is null ? 0 : 1.0 / (first.i + 1);
            hit3 += ranked.Take(3).Any(m => @case.Main.Contains(m, StringComparer.Ordinal)) ? 1 : 0;
        }

        var n = Math.Max(list.Count, 1);
        return new YardstickScore(list.Count, r3 / n, r5 / n, mrr / n, hit3 / n);
    }

    public static double RecallAt(YardstickCase @case, IReadOnlyList<string> ranked, int k) =>
        @case.Main.Count(m => ranked.Take(k).Contains(m, StringComparer.Ordinal)) / (double)@case.Main.Length;

    /// <summary>The engine's answer as distinct muscle ids on the case's side.</summary>
    public static IReadOnlyList<string> Engine(ReferralEngine engine, YardstickCase @case) =>
        [.. engine.Rank(@case.Regions, activity: null, take: 60, @case.Symptoms)
            .Where(c => @case.Side is null || c.Side is null || c.Side == @case.Side)
            .Select(c => c.Muscle.Id)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The floor any model has to clear: for each muscle, the summed intensity of the marked regions in its
    /// essential zone, ties broken by the atlas prior. No spillover, no symptoms, no combination.
    /// </summary>
    public static IReadOnlyList<string> LookupTable(Atlas atlas, YardstickCase @case) =>
        [.. atlas.Muscles
            .Select(m => (m, hits: @case.Regions.Sum(r => atlas.Resolve(m, m.Paired ? @case.Side ?? SideOf(r.RegionId) : null, m.Essential).Contains(r.RegionId) ? r.Intensity : 0)))
            .Where(x => x.hits > 0)
            .OrderByDescending(x => x.hits).ThenByDescending(x => x.m.Prior).ThenBy(x => x.m.Id, StringComparer.Ordinal)
            .Select(x => x.m.Id)];

    private static BodySide? SideOf(string regionId) =>
        regionId.EndsWith("-left", StringComparison.Ordinal) ? BodySide.Left : regionId.EndsWith("-right", StringComparison.Ordinal) ? BodySide.Right : null;

    private static List<YardstickCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Referral", "Yardstick", "pain-guide-cases.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new YardstickCase(
            c.GetProperty("id").GetString()!,
            c.GetProperty("kind").GetString()!,
            c.GetProperty("split").GetString()!,
            c.GetProperty("source").GetString()!,
            [.. c.GetProperty("regions").EnumerateArray().Select(r => new PainfulRegion(r.GetProperty("id").GetString()!, r.GetProperty("intensity").GetInt32()))],
            [.. c.GetProperty("symptoms").EnumerateArray().Select(s => s.GetString()!)],
            c.GetProperty("side").GetString() switch { "left" => BodySide.Left, "right" => BodySide.Right, _ => null },
            [.. c.GetProperty("main").EnumerateArray().Select(m => m.GetString()!)]))];
    }
}
