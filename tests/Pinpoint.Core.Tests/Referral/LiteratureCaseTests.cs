using System.Globalization;
using System.Text.Json;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;
using Xunit.Abstractions;

namespace Pinpoint.Core.Tests.Referral;

/// <summary>The engine against the clinical cases in <c>Anatomy/Data/referral-cases.json</c>.</summary>
public sealed class LiteratureCaseTests(ITestOutputHelper output)
{
    private static readonly ReferralEngine Engine = new(Atlas.Default);

    public sealed record Case(string Name, PainfulRegion[] Regions, string[] Symptoms, string? Activity, string[] Expected, string? ExpectedSide);

    public static IReadOnlyList<Case> Cases { get; } = LoadCases();

    // The 52 cases were written with the atlas, so every one hit until the engine learned the pain guides' order;
    // they are kept as a check that the atlas and the engine still agree, and no longer all have to hit (the
    // yardstick in Referral/Yardstick measures accuracy). A miss is listed, with the engine's answer, in the output.
    [Fact]
    public void Nearly_every_case_has_an_expected_source_in_the_top_three_on_the_expected_side()
    {
        var misses = new List<string>();
        foreach (var @case in Cases)
        {
            var top = TopMuscles(@case, 3);
            BodySide? side = @case.ExpectedSide switch { "left" => BodySide.Left, "right" => BodySide.Right, _ => null };
            if (!top.Any(c => @case.Expected.Contains(c.Muscle.Id) && (side is null || c.Side == side)))
            {
                misses.Add($"{@case.Name}: expected one of {string.Join(", ", @case.Expected)} ({@case.ExpectedSide ?? "either side"}); " +
                           $"got {string.Join(", ", top.Select(c => $"{c.Muscle.Id} ({c.Side}, {c.Score})"))}");
            }
        }

        misses.ForEach(output.WriteLine);
        Assert.True(misses.Count <= 2, string.Join(Environment.NewLine, misses));
    }

    [Fact]
    public void Reports_recall_at_3_and_5()
    {
        double RecallAt(int k) => Cases.Count(c => TopMuscles(c, k).Any(r => c.Expected.Contains(r.Muscle.Id))) / (double)Cases.Count;

        var at3 = RecallAt(3);
        var at5 = RecallAt(5);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cases={Cases.Count} recall@3={at3:0.000} recall@5={at5:0.000}"));
        Assert.True(at5 >= at3);
        Assert.True(at3 >= 0.9, $"recall@3 = {at3}");
    }

    /// <summary>
    /// The candidates of the best <paramref name="k"/> distinct muscles: for pain on both sides the left and right
    /// instances of one muscle are one answer, so they count once (both are kept, for the side check).
    /// </summary>
    private static List<ReferralCandidate> TopMuscles(Case @case, int k)
    {
        var ranked = Engine.Rank(@case.Regions, @case.Activity, take: 4 * k, @case.Symptoms);
        var muscles = ranked.Select(c => c.Muscle.Id).Distinct(StringComparer.Ordinal).Take(k).ToHashSet(StringComparer.Ordinal);
        return [.. ranked.Where(c => muscles.Contains(c.Muscle.Id))];
    }

    private static List<Case> LoadCases()
    {
        using var stream = typeof(Atlas).Assembly.GetManifestResourceStream("Pinpoint.Core.Anatomy.Data.referral-cases.json")!;
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("name").GetString()!,
            [.. c.GetProperty("regions").EnumerateArray().Select(r => new PainfulRegion(r.GetProperty("id").GetString()!, r.GetProperty("intensity").GetInt32()))],
            c.TryGetProperty("symptoms", out var symptoms) ? [.. symptoms.EnumerateArray().Select(x => x.GetString()!)] : [],
            c.TryGetProperty("activity", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null,
            [.. c.GetProperty("expectedTop3AnyOf").EnumerateArray().Select(m => m.GetString()!)],
            c.TryGetProperty("expectedSide", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null))];
    }
}
