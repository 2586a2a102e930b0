namespace Pinpoint.Core.Referral;

/// <summary>How a candidate is shown to people instead of a bare percentage.</summary>
public enum LikelihoodBand
{
    /// <summary>Fits about as well as the best match and explains most of the marked pain.</summary>
    MostLikely = 1,

    /// <summary>Fits less well, or explains only part of the marked pain.</summary>
    AlsoPossible = 2,

    /// <summary>Fits only loosely.</summary>
    LessLikely = 3,
}

/// <summary>
/// The rule that turns ranked scores into bands. Scores are shares of one explanation, so they say little on their
/// own ("18 %" can be the clear winner among many muscles); what people need is how a muscle compares with the best
/// match and how much of their pain it accounts for:
/// <list type="bullet">
/// <item><b>Most likely</b>: a score at least <see cref="MostLikelyShareOfTop"/> of the top score, and its zones cover
/// at least <see cref="MostLikelyCoverage"/> of the marked pain (intensity-weighted). A top candidate that covers less
/// is only "also possible": then no single muscle explains most of what was marked.</item>
/// <item><b>Also possible</b>: otherwise, a score at least <see cref="AlsoPossibleShareOfTop"/> of the top score.</item>
/// <item><b>Less likely</b>: the rest.</item>
/// </list>
/// Down a ranked list the bands never improve (<see cref="ReferralExplanation.Describe"/>).
/// </summary>
public static class LikelihoodBands
{
    public const double MostLikelyShareOfTop = 0.6;
    public const double MostLikelyCoverage = 0.5;
    public const double AlsoPossibleShareOfTop = 0.15;

    /// <summary>The band of a candidate with <paramref name="score"/> when the best score is <paramref name="topScore"/>.</summary>
    /// <param name="coverage">The share of the marked pain the candidate explains, 0–1 (<see cref="Coverage"/>).</param>
    public static LikelihoodBand Of(double score, double topScore, double coverage)
    {
        var relative = topScore > 0 ? score / topScore : 0;
        if (relative >= MostLikelyShareOfTop && coverage >= MostLikelyCoverage)
        {
            return LikelihoodBand.MostLikely;
        }

        return relative >= AlsoPossibleShareOfTop ? LikelihoodBand.AlsoPossible : LikelihoodBand.LessLikely;
    }

    /// <summary>
    /// The intensity of the painful regions the candidate explains (in either zone) over the intensity of all the
    /// painful regions: 1 when it explains everything marked, 0 when nothing hurts.
    /// </summary>
    public static double Coverage(IReadOnlyList<ExplainedRegion> explains, IReadOnlyList<PainfulRegion> pain)
    {
        ArgumentNullException.ThrowIfNull(explains);
        ArgumentNullException.ThrowIfNull(pain);
        double total = 0, explained = 0;
        for (var i = 0; i < pain.Count; i++)
        {
            var (id, intensity) = pain[i];
            if (intensity <= 0 || pain.Take(i).Any(p => p.RegionId == id && p.Intensity > 0))
            {
                continue;
            }

            total += Math.Min(intensity, 10);
            explained += explains.Any(e => e.RegionId == id) ? Math.Min(intensity, 10) : 0;
        }

        return total == 0 ? 0 : Math.Round(explained / total, 4);
    }

    /// <summary>How the band reads on the page: "Most likely".</summary>
    public static string Label(LikelihoodBand band) => band switch
    {
        LikelihoodBand.MostLikely => "Most likely",
        LikelihoodBand.AlsoPossible => "Also possible",
        _ => "Less likely",
    };

    /// <summary>The band as the API writes it: "most-likely".</summary>
    public static string Slug(LikelihoodBand band) => band switch
    {
        LikelihoodBand.MostLikely => "most-likely",
        LikelihoodBand.AlsoPossible => "also-possible",
        _ => "less-likely",
    };
}
