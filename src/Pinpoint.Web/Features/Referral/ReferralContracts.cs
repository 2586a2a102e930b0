using System.Globalization;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;

namespace Pinpoint.Web.Features.Referral;

public sealed record RegionDto(string Id, string Label, string View, string? Side, string Parent, IReadOnlyList<string> Synonyms)
{
    public static RegionDto From(BodyRegion region) => new(
        region.Id, region.Label, region.View == BodyView.Front ? "front" : "back", ReferralApi.SideSlug(region.Side), region.Parent, region.Synonyms);
}

public sealed record MuscleSummaryDto(string Id, string Name, IReadOnlyList<string> Synonyms, string Group, IReadOnlyList<string> Complaints);

/// <summary>Where one side of a muscle holds its trigger points and refers pain, as region ids.</summary>
public sealed record MuscleSideDto(string? Side, string[] TriggerPointRegions, string[] Essential, string[] Spillover);

public sealed record MuscleDto(
    string Id, string Name, IReadOnlyList<string> Synonyms, string Group, bool Paired, MuscleSideDto[] Sides,
    IReadOnlyList<string> Complaints, IReadOnlyList<string> PerpetuatingFactors, IReadOnlyList<string> Activities,
    string SelfCare, string Precautions);

public sealed record TermDto(string Id, string Label);

/// <summary>A symptom or condition word the referral query understands.</summary>
/// <param name="Kind"><c>symptom</c>, <c>condition</c> or <c>red-flag</c> (changes the advice, not the ranking).</param>
/// <param name="Synonyms">Other words for it that are understood too (case, hyphens, apostrophes and a plural s do not matter).</param>
/// <param name="Complaints">The atlas complaints it supports: muscles listing one rank a little higher. A condition's id is its complaint.</param>
public sealed record WordDto(string Id, string Label, string Kind, IReadOnlyList<string> Synonyms, IReadOnlyList<string> Complaints)
{
    public static WordDto From(Symptom term) => new(term.Id, term.Label, KindSlug(term.Kind), term.Synonyms, term.Complaints);

    internal static string KindSlug(TermKind kind) => kind switch
    {
        TermKind.Condition => "condition",
        TermKind.RedFlag => "red-flag",
        _ => "symptom",
    };
}

/// <summary>A likelihood band as candidates carry it, with what it means in plain words.</summary>
public sealed record BandDto(string Id, string Label, string Meaning)
{
    public static string MeaningOf(LikelihoodBand band) => band switch
    {
        LikelihoodBand.MostLikely => string.Create(CultureInfo.InvariantCulture,
            $"Scores at least {LikelihoodBands.MostLikelyShareOfTop * 100:0}% of the best match and its referral zones hold at least {LikelihoodBands.MostLikelyCoverage * 100:0}% of the pain marked."),
        LikelihoodBand.AlsoPossible => string.Create(CultureInfo.InvariantCulture,
            $"Scores at least {LikelihoodBands.AlsoPossibleShareOfTop * 100:0}% of the best match, but below the most likely, or explains less of the pain marked."),
        _ => "Fits only loosely.",
    };
}

public sealed record VocabularyDto(WordDto[] Symptoms, WordDto[] Conditions, TermDto[] Activities, TermDto[] Durations, BandDto[] Bands);

public sealed record PainfulRegionDto(string? Id, int? Intensity);

/// <summary>A "where does it hurt?" query. Only <c>regions</c> is required.</summary>
/// <param name="Symptoms">Free text in the client's words, symptoms and conditions alike ("sciatica-like, shooting", "tennis elbow",
/// "pins and needles", or vocabulary ids); an entry may hold a comma-separated list. Words not understood come back in
/// <c>ignored</c> and are never an error; at most 50 entries and 2000 characters in all.</param>
public sealed record ReferralRequest(PainfulRegionDto[]? Regions, string[]? Symptoms, string? Activity, string? Duration);

public sealed record ExplainedRegionDto(string Region, string Zone);

public sealed record ReferralZoneDto(IReadOnlyList<string> Essential, IReadOnlyList<string> Spillover);

/// <summary>One likely source of the pain.</summary>
/// <param name="Score">For machines: the candidate's share of the explanation among all the muscles considered (all shares sum
/// to 1, so it is small when many muscles fit). Show people <c>band</c> instead.</param>
/// <param name="Band"><c>most-likely</c>, <c>also-possible</c> or <c>less-likely</c>, from the score relative to the best one and
/// how much of the marked pain the candidate explains (GET /api/referral/vocabulary lists the rule); never better than the band above it.</param>
/// <param name="BandLabel">The band in words for people: "Most likely".</param>
/// <param name="Coverage">The share of the marked pain (intensity-weighted) that lies in the candidate's referral zones, 0–1.</param>
/// <param name="Reason">Why it is listed: which marked places it explains, in which zone, and which it does not.</param>
/// <param name="Explanation">One sentence on the muscle: where its trigger points lie and where they refer pain.</param>
public sealed record CandidateDto(
    string Muscle, string Name, string? Side, double Score, string Band, string BandLabel, double Coverage, ExplainedRegionDto[] Explains,
    IReadOnlyList<string> TriggerPointRegions, ReferralZoneDto ReferralZone, string Reason, string Explanation, string SelfCare, string Precautions)
{
    public static CandidateDto From(ReferralCandidate candidate) => new(
        candidate.Muscle.Id, candidate.Muscle.Name, ReferralApi.SideSlug(candidate.Side), candidate.Score,
        LikelihoodBands.Slug(candidate.Band), LikelihoodBands.Label(candidate.Band), candidate.Coverage,
        [.. candidate.Explains.Select(e => new ExplainedRegionDto(e.RegionId, e.Zone == Core.Referral.ReferralZone.Essential ? "essential" : "spillover"))],
        candidate.TriggerPointRegions, new ReferralZoneDto(candidate.EssentialZone, candidate.SpilloverZone), candidate.Reason,
        candidate.Explanation, candidate.Muscle.SelfCare, candidate.Muscle.Precautions);
}

public sealed record SuggestedModalityDto(string Id, string Name, IReadOnlyList<string> Reasons);

public sealed record WarningDto(string Code, string Urgency, string Message, IReadOnlyList<string> Regions);

/// <summary>One term found in the symptom text.</summary>
/// <param name="Text">The words as typed.</param>
/// <param name="Id">The vocabulary id it was read as (for a condition, the atlas complaint).</param>
/// <param name="Kind"><c>symptom</c>, <c>condition</c> or <c>red-flag</c>.</param>
/// <param name="Negated">Typed as absent ("no fever"): reported but not used.</param>
public sealed record RecognisedTermDto(string Text, string Id, string Label, string Kind, bool Negated);

/// <summary>What the symptom text was read as.</summary>
/// <param name="Symptoms">Symptom and red-flag ids used by the modality and red-flag rules.</param>
/// <param name="Conditions">Condition ids; each is an atlas complaint.</param>
/// <param name="Complaints">Every atlas complaint the recognised words support (from conditions and symptoms): muscles listing one rank a little higher.</param>
public sealed record RecognisedTermsDto(RecognisedTermDto[] Terms, IReadOnlyList<string> Symptoms, IReadOnlyList<string> Conditions, IReadOnlyList<string> Complaints)
{
    public static RecognisedTermsDto From(RecognisedTerms terms) => new(
        [.. terms.Terms.Select(t => new RecognisedTermDto(t.Text, t.Term.Id, t.Term.Label, WordDto.KindSlug(t.Term.Kind), t.Negated))],
        terms.Symptoms, terms.Conditions, terms.Complaints);
}

/// <param name="Recognised">What the symptom text was read as.</param>
/// <param name="Ignored">The parts of the symptom text that were not understood, as typed; they change nothing.</param>
public sealed record ReferralResponse(
    CandidateDto[] Candidates, SuggestedModalityDto SuggestedModality, WarningDto[] Warnings, RecognisedTermsDto Recognised, string[] Ignored);
