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
/// The engine's constants, named so the yardstick can show what each is worth. Likelihoods are the chance of pain
/// in a marked region if the muscle is the source; the pain guides' order sets it where a guide covers the region.
/// </summary>
public sealed record ReferralWeights
{
    /// <summary>Likelihood for the muscle a pain guide lists first at the region.</summary>
    public double GuideFirst { get; init; } = 0.9;

    /// <summary>How fast the likelihood falls with each place down the guide's list (per place, as a factor).</summary>
    public double GuideDecay { get; init; } = 0.6;

    /// <summary>Lowest likelihood a guide listing gives, however far down the list.</summary>
    public double GuideFloor { get; init; } = 0.2;

    /// <summary>
    /// Lowest likelihood where the guide lists the muscle and the region is also in its essential zone: a muscle far
    /// down an area's list still explains that area fully when its own pattern is drawn there.
    /// </summary>
    public double GuidedEssential { get; init; } = 0.3;

    /// <summary>An essential zone of the atlas at a region no guide area marks.</summary>
    public double Essential { get; init; } = 0.9;

    /// <summary>A spillover zone of the atlas at a region no guide area marks.</summary>
    public double Spillover { get; init; } = 0.4;

    /// <summary>An atlas zone at a region a guide covers without listing the muscle: the guide says it is rare there.</summary>
    public double OffGuide { get; init; } = 0.06;

    /// <summary>The muscle does not refer to the region at all.</summary>
    public double Unexplained { get; init; } = 0.03;

    /// <summary>Pain there from any other cause; likelihoods are read against it.</summary>
    public double Background { get; init; } = 0.1;

    /// <summary>How much the atlas' base rate counts, as a power of the prior.</summary>
    public double PriorWeight { get; init; } = 0.5;

    /// <summary>
    /// Essential zones are felt by nearly everyone with that source, so each one the client left unmarked is evidence
    /// against it. Mild, because people mark the worst areas rather than every ache.
    /// </summary>
    public double MissingEssentialPenalty { get; init; } = 0.35;

    /// <summary>A region's weight is this share plus the rest scaled by its intensity out of 10.</summary>
    public double IntensityFloor { get; init; } = 0.5;

    /// <summary>What the client does: weaker evidence than where it hurts.</summary>
    public double ActivityBonus { get; init; } = 0.25;

    /// <summary>A symptom word that names a complaint the muscle is known for.</summary>
    public double SymptomBonus { get; init; } = 0.3;

    public static ReferralWeights Default { get; } = new();
}

/// <summary>
/// Ranks muscles by how well their referral patterns explain the whole set of painful regions: a naive-Bayes
/// score per muscle and side. Each painful region adds, weighted by its intensity, the log-likelihood ratio of
/// pain there if the muscle is the source against pain there from anything else. Where a pain guide covers the
/// region, the likelihood follows the guide's order (the literature's "most often first"); elsewhere it follows the
/// atlas' zones (high in an essential zone, lower in spillover). Summing over regions is what lets a muscle that
/// explains all the marked areas rise above one that explains only the worst; unexplained regions cost.
/// </summary>
public sealed class ReferralEngine
{
    private readonly Atlas _atlas;
    private readonly ReferralExplanation _explanation;
    private readonly ReferralWeights _weights;
    private readonly double _unexplainedWeight;
    private readonly Source[] _sources;
    private readonly FrozenDictionary<string, int[]> _sourcesByRegion;

    public ReferralEngine(Atlas atlas)
        : this(atlas, ReferenceEquals(atlas, Atlas.Default) ? PainGuide.Default : PainGuide.Empty, ReferralWeights.Default)
    {
    }

    public ReferralEngine(Atlas atlas, PainGuide guide, ReferralWeights weights)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(weights);
        _atlas = atlas;
        _explanation = new ReferralExplanation(atlas);
        _weights = weights;
        _unexplainedWeight = Math.Log(weights.Unexplained / weights.Background);
        var guided = guide.RegionReferences.ToHashSet(StringComparer.Ordinal);
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

                // Likelihood per region reference: the guide's place where it lists the muscle, else the atlas zone.
                var evidence = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var reference in guide.RegionsListing(muscle.Id))
                {
                    var place = guide.PlaceOf(reference, muscle.Id)!.Value;
                    var likelihood = Math.Max(weights.GuideFirst * Math.Pow(weights.GuideDecay, place), weights.GuideFloor);
                    foreach (var id in atlas.Resolve(muscle, side, [reference]))
                    {
                        evidence[id] = zones.GetValueOrDefault(id) == ReferralZone.Essential ? Math.Max(likelihood, weights.GuidedEssential) : likelihood;

                        // A guide listing is a referral pattern too: the drawing and the explanation show it.
                        zones.TryAdd(id, ReferralZone.Spillover);
                    }
                }

                foreach (var (id, zone) in zones)
                {
                    if (!evidence.ContainsKey(id))
                    {
                        var reference = ReferenceOf(atlas, id);
                        evidence[id] = guided.Contains(reference) ? Math.Max(weights.OffGuide, weights.Unexplained)
                            : zone == ReferralZone.Essential ? weights.Essential : weights.Spillover;
                    }
                }

                sources.Add(new Source(muscle, side, zones.ToFrozenDictionary(StringComparer.Ordinal),
                    weights.PriorWeight * Math.Log(muscle.Prior),
                    evidence.ToFrozenDictionary(e => e.Key, e => Math.Log(e.Value / weights.Background), StringComparer.Ordinal))
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

    // "temple-left" → "temple", the side-less reference the guide and the atlas write; midline ids are their own.
    private static string ReferenceOf(Atlas atlas, string regionId) =>
        atlas.FindRegion(regionId) is { Side: not null } && regionId.LastIndexOf('-') is > 0 and var dash ? regionId[..dash] : regionId;

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
        var penalty = _weights.MissingEssentialPenalty;
        foreach (var index in candidates)
        {
            var source = _sources[index];
            var score = source.LogPrior - (penalty * source.EssentialCount);
            foreach (var region in pain)
            {
                if (region.Intensity <= 0)
                {
                    continue;
                }

                var weight = _weights.IntensityFloor + ((1 - _weights.IntensityFloor) * Math.Min(region.Intensity, 10) / 10.0);

                if (!source.Evidence.TryGetValue(region.RegionId, out var logRatio))
                {
                    score += weight * _unexplainedWeight;
                    continue;
                }

                score += weight * logRatio;
                if (source.Zones.TryGetValue(region.RegionId, out var zone) && zone == ReferralZone.Essential)
                {
                    score += penalty;
                }
            }

            if (activityId is not null && source.Muscle.Activities.Contains(activityId, StringComparer.Ordinal))
            {
                score += _weights.ActivityBonus;
            }

            foreach (var complaints in symptomComplaints)
            {
                if (complaints.Any(c => source.Muscle.Complaints.Contains(c, StringComparer.Ordinal)))
                {
                    score += _weights.SymptomBonus;
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

    private sealed record Source(
        Muscle Muscle, BodySide? Side, FrozenDictionary<string, ReferralZone> Zones, double LogPrior, FrozenDictionary<string, double> Evidence)
    {
        public required IReadOnlyList<string> TriggerPointRegions { get; init; }

        public required IReadOnlyList<string> EssentialZone { get; init; }

        public required IReadOnlyList<string> SpilloverZone { get; init; }

        public int EssentialCount { get; } = Zones.Values.Count(z => z == ReferralZone.Essential);
    }
}
