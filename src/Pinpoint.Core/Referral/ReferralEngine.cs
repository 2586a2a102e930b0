using System.Collections.Frozen;
using Pinpoint.Core.Anatomy;

namespace Pinpoint.Core.Referral;

/// <summary>A region the client marked, with how much it hurts (0–10).</summary>
public readonly record struct PainfulRegion(string RegionId, int Intensity);

/// <summary>How a candidate muscle accounts for one painful region.</summary>
public enum ReferralZone
{
    Essential = 1,
    Spillover = 2,
}

public sealed record ExplainedRegion(string RegionId, ReferralZone Zone);

/// <summary>One likely source: a muscle on one side (null side: a muscle of the midline).</summary>
public sealed record ReferralCandidate(Muscle Muscle, BodySide? Side, double Score, IReadOnlyList<ExplainedRegion> Explains);

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

    private static readonly double EssentialWeight = Math.Log(EssentialLikelihood / BackgroundRate);
    private static readonly double SpilloverWeight = Math.Log(SpilloverLikelihood / BackgroundRate);
    private static readonly double UnexplainedWeight = Math.Log(UnexplainedLikelihood / BackgroundRate);

    private readonly Source[] _sources;
    private readonly FrozenDictionary<string, int[]> _sourcesByRegion;

    public ReferralEngine(Atlas atlas)
    {
        ArgumentNullException.ThrowIfNull(atlas);
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

                sources.Add(new Source(muscle, side, zones.ToFrozenDictionary(StringComparer.Ordinal), Math.Log(muscle.Prior)));
            }
        }

        _sources = [.. sources];
        _sourcesByRegion = _sources
            .SelectMany((source, index) => source.Zones.Keys.Select(region => (region, index)))
            .GroupBy(x => x.region, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.index).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The candidates that explain at least one painful region, best first; ties broken by id, then side.</summary>
    public IReadOnlyList<ReferralCandidate> Rank(IReadOnlyList<PainfulRegion> pain, string? activity = null, int take = 10)
    {
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

            if (activity is not null && source.Muscle.Activities.Contains(activity, StringComparer.Ordinal))
            {
                score += 0.25;
            }

            scored.Add((index, score));
        }

        // Softmax over the candidates: scores read as "share of the explanation", and sum to 1.
        var max = scored.Count == 0 ? 0 : scored.Max(s => s.LogScore);
        var total = scored.Sum(s => Math.Exp(s.LogScore - max));
        return [.. scored
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
                return new ReferralCandidate(source.Muscle, source.Side, Math.Round(s.Score, 4), explains);
            })];
    }

    private sealed record Source(Muscle Muscle, BodySide? Side, FrozenDictionary<string, ReferralZone> Zones, double LogPrior)
    {
        public int EssentialCount { get; } = Zones.Values.Count(z => z == ReferralZone.Essential);
    }
}
