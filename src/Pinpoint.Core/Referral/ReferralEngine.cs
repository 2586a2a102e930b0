using System.Collections.Frozen;
using Pinpoint.Core.Anatomy;

namespace Pinpoint.Core.Referral;

/// <summary>A region the client marked, with how much it hurts (0–10).</summary>
public readonly record struct PainfulRegion([property: System.Text.Json.Serialization.JsonPropertyName("id")] string RegionId, int Intensity);

/// <summary>How a candidate muscle accounts for one painful region.</summary>
public enum ReferralZone
{
    Essential = 1,
    Spillover = 2,
}

public sealed record ExplainedRegion(string RegionId, ReferralZone Zone);

/// <summary>
/// One likely source: a muscle on one side (null side: a muscle of the midline), the painful regions it explains,
/// where to look for its trigger points, its whole referral pattern (for drawing), and a one-line explanation.
/// </summary>
/// <param name="Score">Its share of the explanation among all the candidates considered (they sum to 1): for machines;
/// people see the band.</param>
public sealed record ReferralCandidate(
    Muscle Muscle,
    BodySide? Side,
    double Score,
    IReadOnlyList<ExplainedRegion> Explains,
    IReadOnlyList<string> TriggerPointRegions,
    IReadOnlyList<string> EssentialZone,
    IReadOnlyList<string> SpilloverZone,
    string Explanation)
{
    /// <summary>How much of the marked pain it explains: the intensity of the painful regions in its zones over all the intensity marked, 0–1.</summary>
    public double Coverage { get; init; }

    /// <summary>"Most likely", "also possible" or "less likely": see <see cref="LikelihoodBands"/>.</summary>
    public LikelihoodBand Band { get; init; } = LikelihoodBand.LessLikely;

    /// <summary>Why it is listed: "Explains your left temple (main referral zone); can spill over to your left jaw joint."</summary>
    public string Reason { get; init; } = "";
}

/// <summary>The engine's whole answer: ranked sources, a suggested modality, and any reasons to see a doctor first.</summary>
public sealed record ReferralReport(
    IReadOnlyList<ReferralCandidate> Candidates, ModalitySuggestion SuggestedModality, IReadOnlyList<RedFlag> Warnings);

/// <summary>
/// Ranks muscles by how well their referral patterns explain the whole set of painful regions: a naive-Bayes
/// score per muscle and side. Each painful region adds, weighted by its intensity, the log-likelihood ratio of
/// pain there if the muscle is the source (high in an essential zone, lower in spillover, small when the muscle
/// does not refer there) against pain there from anything else; the muscle's prior adds its base rate. So a
/// muscle that explains several regions beats one that explains one, and unexplained regions cost.
/// </summary>
public sealed class ReferralEngine
{
    private const double EssentialLikelihood = 0.9;
    private const double SpilloverLikelihood = 0.4;
    private const double UnexplainedLikelihood = 0.03;
    private const double BackgroundRate = 0.1;

    // Essential zones are felt by nearly everyone with that source, so each one the client left unmarked is
    // evidence against it. Mild, because people mark the worst areas rather than every ache.
    private const double MissingEssentialPenalty = 0.35;

    // Small nudges: what the client does and feels is weaker evidence than where it hurts.
    private const double ActivityBonus = 0.25;
    private const double SymptomBonus = 0.3;

    private static readonly double EssentialWeight = Math.Log(EssentialLikelihood / BackgroundRate);
    private static readonly double SpilloverWeight = Math.Log(SpilloverLikelihood / BackgroundRate);
    private static readonly double UnexplainedWeight = Math.Log(UnexplainedLikelihood / BackgroundRate);

    private readonly Atlas _atlas;
    private readonly ReferralExplanation _explanation;
    private readonly Source[] _sources;
    private readonly FrozenDictionary<string, int[]> _sourcesByRegion;

    public ReferralEngine(Atlas atlas)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        _atlas = atlas;
        _explanation = new ReferralExplanation(atlas);
        var sources = new List<Source>();
        foreach (var muscle in atlas.Muscles)
        {
            foreach (var side in muscle.Paired ? new BodySide?[] { BodySide.Left, BodySide.Right } : [null])
            {
                var zones = new Dictionary<string, ReferralZone>(StringComparer.Ordinal);
                foreach (var id in atlas.Resolve(muscle, side, muscle.Spillover))
                {
                    zones[id] = ReferralZone.Spillover;
                }

                foreach (var id in atlas.Resolve(muscle, side, muscle.Essential))
                {
                    zones[id] = ReferralZone.Essential;
                }

                sources.Add(new Source(muscle, side, zones.ToFrozenDictionary(StringComparer.Ordinal), Math.Log(muscle.Prior))
                {
                    TriggerPointRegions = [.. atlas.Resolve(muscle, side, muscle.TriggerPointRegions).Distinct(StringComparer.Ordinal)],
                    EssentialZone = [.. atlas.Resolve(muscle, side, muscle.Essential).Distinct(StringComparer.Ordinal)],
                    SpilloverZone = [.. zones.Where(z => z.Value == ReferralZone.Spillover).Select(z => z.Key).Order(StringComparer.Ordinal)],
                });
            }
        }

        _sources = [.. sources];
        _sourcesByRegion = _sources
            .SelectMany((source, index) => source.Zones.Keys.Select(region => (region, index)))
            .GroupBy(x => x.region, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.index).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Answers a query: ranked candidates, the suggested modality and red flags.</summary>
    /// <exception cref="InvalidReferralQueryException">The query fails <see cref="ReferralQuery.Validate"/>.</exception>
    public ReferralReport Analyse(ReferralQuery query, int take = 10)
    {
        ArgumentNullException.ThrowIfNull(query);
        var problems = query.Validate(_atlas);
        if (problems.Count > 0)
        {
            throw new InvalidReferralQueryException(problems);
        }

        return new ReferralReport(
            Rank(query.Regions, query.Activity, take, query.RecogniseSymptoms().Ids),
            ModalityAdvisor.Suggest(_atlas, query),
            RedFlags.Check(_atlas, query));
    }

    /// <summary>
    /// The candidates that explain at least one painful region, best first; ties broken by id, then side.
    /// Unknown region ids, activities and symptom words are ignored (validate first to reject them).
    /// </summary>
    public IReadOnlyList<ReferralCandidate> Rank(
        IReadOnlyList<PainfulRegion> pain, string? activity = null, int take = 10, IReadOnlyList<string>? symptoms = null)
    {
        ArgumentNullException.ThrowIfNull(pain);
        var activityId = Vocabulary.FindActivity(activity)?.Id;
        var symptomComplaints = (symptoms ?? []).Select(Vocabulary.FindSymptom).OfType<Symptom>()
            .Where(s => s.Complaints.Count > 0).DistinctBy(s => s.Id).Select(s => s.Complaints).ToList();

        var candidates = new HashSet<int>();
        foreach (var region in pain)
        {
            if (region.Intensity > 0 && _sourcesByRegion.TryGetValue(region.RegionId, out var indexes))
            {
                candidates.UnionWith(indexes);
            }
        }

        var scored = new List<(int Index, double LogScore)>(candidates.Count);
        foreach (var index in candidates)
        {
            var source = _sources[index];
            var score = source.LogPrior - (MissingEssentialPenalty * source.EssentialCount);
            foreach (var region in pain)
            {
                var weight = Math.Clamp(region.Intensity, 0, 10) / 10.0;
                if (!source.Zones.TryGetValue(region.RegionId, out var zone))
                {
                    score += weight * UnexplainedWeight;
                }
                else if (zone == ReferralZone.Essential)
                {
                    score += (weight * EssentialWeight) + MissingEssentialPenalty;
                }
                else
                {
                    score += weight * SpilloverWeight;
                }
            }

            if (activityId is not null && source.Muscle.Activities.Contains(activityId, StringComparer.Ordinal))
            {
                score += ActivityBonus;
            }

            foreach (var complaints in symptomComplaints)
            {
                if (complaints.Any(c => source.Muscle.Complaints.Contains(c, StringComparer.Ordinal)))
                {
                    score += SymptomBonus;
                }
            }

            scored.Add((index, score));
        }

        // Softmax over the candidates: scores read as "share of the explanation", and sum to 1.
        var max = scored.Count == 0 ? 0 : scored.Max(s => s.LogScore);
        var total = scored.Sum(s => Math.Exp(s.LogScore - max));
        return _explanation.Describe(pain, [.. scored
            .Select(s => (s.Index, Score: Math.Exp(s.LogScore - max) / total))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => _sources[s.Index].Muscle.Id, StringComparer.Ordinal)
            .ThenBy(s => _sources[s.Index].Side)
            .Take(take)
            .Select(s =>
            {
                var source = _sources[s.Index];
                var explains = pain.Where(p => source.Zones.ContainsKey(p.RegionId))
                    .Select(p => new ExplainedRegion(p.RegionId, source.Zones[p.RegionId])).ToList();
                return new ReferralCandidate(source.Muscle, source.Side, Math.Round(s.Score, 4), explains,
                    source.TriggerPointRegions, source.EssentialZone, source.SpilloverZone,
                    _explanation.Sentence(source.Muscle, source.Side, source.TriggerPointRegions, explains));
            })]);
    }

    private sealed record Source(Muscle Muscle, BodySide? Side, FrozenDictionary<string, ReferralZone> Zones, double LogPrior)
    {
        public required IReadOnlyList<string> TriggerPointRegions { get; init; }

        public required IReadOnlyList<string> EssentialZone { get; init; }

        public required IReadOnlyList<string> SpilloverZone { get; init; }

        public int EssentialCount { get; } = Zones.Values.Count(z => z == ReferralZone.Essential);
    }
}
