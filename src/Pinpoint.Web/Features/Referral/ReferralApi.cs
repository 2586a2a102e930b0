using Microsoft.AspNetCore.Http.HttpResults;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Referral;
using Pinpoint.Web.Features.Catalogue;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Referral;

/// <summary>The body map, the trigger point atlas and "where does it hurt?": public, no login, rate limited.</summary>
public static class ReferralApi
{
    /// <summary>More regions than anyone can mark on the map: a query with more is refused before any ranking.</summary>
    public const int MaxRegions = 50;

    private const long MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapReferralApi(this RouteGroupBuilder api)
    {
        var bodyMap = api.MapGroup("/body-map").WithTags("Body map").RequireRateLimiting(AbuseLimits.PublicApi);
        bodyMap.MapGet("/regions", ListRegions).WithName("ListBodyMapRegions")
            .WithSummary("Every region of the front and back body map, with labels and synonyms.");

        var muscles = api.MapGroup("/muscles").WithTags("Atlas").RequireRateLimiting(AbuseLimits.PublicApi);
        muscles.MapGet("/", ListMuscles).WithName("ListMuscles")
            .WithSummary("The trigger point atlas; filter by group, by a region the muscle refers pain to, or by name.");
        muscles.MapGet("/{id}", GetMuscle).WithName("GetMuscle")
            .WithSummary("One muscle: where its trigger points lie, where they refer pain on each side, self-care and precautions.");

        var referral = api.MapGroup("/referral").WithTags("Referral").RequireRateLimiting(AbuseLimits.PublicApi);
        referral.MapGet("/vocabulary", GetVocabulary).WithName("GetReferralVocabulary")
            .WithSummary("The symptom and condition words a referral query understands (with their synonyms), the activities, durations and likelihood bands.");
        // A body map has under a hundred regions: a body far larger is refused (413) before it is read.
        referral.MapPost("/", Refer).WithName("Refer").WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Ranks the muscles whose trigger points most likely cause the marked pain, suggests a modality and flags reasons to see a doctor first.")
            .WithDescription("`symptoms` is free text in the client's words (symptoms and conditions alike: \"sciatica-like, shooting\", " +
                "\"tennis elbow\", \"pins and needles\"); each entry may hold a comma-separated list. What was understood comes back in " +
                "`recognised`, what was not in `ignored`: unknown words are never an error. Only absurd amounts of text (more than " +
                $"{ReferralQuery.MaxSymptomEntries} entries or {ReferralQuery.MaxSymptomCharacters} characters) are a 422. Each candidate has a " +
                "`band` for people (most-likely, also-possible, less-likely) and a `score` for machines.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    public static Ok<RegionDto[]> ListRegions(Atlas atlas) => TypedResults.Ok(atlas.Regions.Select(RegionDto.From).ToArray());

    public static Results<Ok<MuscleSummaryDto[]>, ProblemHttpResult> ListMuscles(Atlas atlas, string? group, string? region, string? q)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        MuscleGroup? groupFilter = null;
        if (group is not null)
        {
            groupFilter = Groups.Cast<MuscleGroup?>().FirstOrDefault(g => string.Equals(GroupSlug(g!.Value), group, StringComparison.OrdinalIgnoreCase));
            if (groupFilter is null)
            {
                problems["group"] = [$"Unknown group '{group}'. Known groups: {string.Join(", ", Groups.Select(GroupSlug))}."];
            }
        }

        if (region is not null && atlas.FindRegion(region) is null)
        {
            problems["region"] = [$"Unknown region '{region}'. GET /api/body-map/regions lists the region ids."];
        }

        if (problems.Count > 0)
        {
            return ApiProblems.Invalid(problems);
        }

        var query = q?.Trim();
        var muscles = atlas.Muscles
            .Where(m => groupFilter is null || m.Group == groupFilter)
            .Where(m => region is null || ReferralSides(atlas, m).Any(s => s.Essential.Contains(region) || s.Spillover.Contains(region)))
            .Where(m => string.IsNullOrEmpty(query) || m.Name.Contains(query, StringComparison.OrdinalIgnoreCase) ||
                        m.Id.Contains(query, StringComparison.OrdinalIgnoreCase) ||
                        m.Synonyms.Any(s => s.Contains(query, StringComparison.OrdinalIgnoreCase)))
            .Select(m => new MuscleSummaryDto(m.Id, m.Name, m.Synonyms, GroupSlug(m.Group), m.Complaints));
        return TypedResults.Ok(muscles.ToArray());
    }

    public static Results<Ok<MuscleDto>, ProblemHttpResult> GetMuscle(string id, Atlas atlas)
    {
        var muscle = atlas.FindMuscle(id.ToLowerInvariant());
        return muscle is null
            ? TypedResults.Problem(title: "Unknown muscle", detail: $"There is no muscle '{id}' in the atlas. GET /api/muscles lists them.",
                statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(new MuscleDto(
                muscle.Id, muscle.Name, muscle.Synonyms, GroupSlug(muscle.Group), muscle.Paired, [.. ReferralSides(atlas, muscle)],
                muscle.Complaints, muscle.PerpetuatingFactors, muscle.Activities, muscle.SelfCare, muscle.Precautions));
    }

    public static Ok<VocabularyDto> GetVocabulary() => TypedResults.Ok(new VocabularyDto(
        [.. Vocabulary.Symptoms.Select(WordDto.From)],
        [.. Vocabulary.Conditions.Select(WordDto.From)],
        [.. Vocabulary.Activities.Select(a => new TermDto(a.Id, a.Label))],
        [.. Enum.GetValues<PainDuration>().Select(d => new TermDto(DurationSlug(d), $"For {DurationSlug(d)}"))],
        [.. Enum.GetValues<LikelihoodBand>().Select(b => new BandDto(LikelihoodBands.Slug(b), LikelihoodBands.Label(b), BandDto.MeaningOf(b)))]));

    public static async Task<Results<Ok<ReferralResponse>, ProblemHttpResult>> Refer(
        ReferralRequest request, Atlas atlas, ReferralEngine engine, CatalogueQueries catalogue, Telemetry.PinpointMetrics metrics, CancellationToken cancellationToken)
    {
        var (query, problems) = Read(request, atlas);
        if (problems.Count > 0)
        {
            return ApiProblems.Invalid(problems);
        }

        var report = engine.Analyse(query);
        metrics.ReferralQueried("api");
        var modality = report.SuggestedModality.Modality;
        var name = await catalogue.NameAsync(modality, cancellationToken);
        var words = query.RecogniseSymptoms();
        return TypedResults.Ok(new ReferralResponse(
            [.. report.Candidates.Select(c => CandidateDto.From(c))],
            new SuggestedModalityDto(modality.Slug(), name ?? modality.ToString(), report.SuggestedModality.Reasons),
            [.. report.Warnings.Select(w => new WarningDto(w.Code, w.Urgency == RedFlagUrgency.Emergency ? "emergency" : "see-doctor", w.Message, w.Regions))],
            RecognisedTermsDto.From(words), [.. words.Ignored]));
    }

    internal static IEnumerable<MuscleSideDto> ReferralSides(Atlas atlas, Muscle muscle)
    {
        foreach (var side in muscle.Paired ? new BodySide?[] { BodySide.Left, BodySide.Right } : [null])
        {
            yield return new MuscleSideDto(SideSlug(side),
                [.. atlas.Resolve(muscle, side, muscle.TriggerPointRegions).Distinct(StringComparer.Ordinal)],
                [.. atlas.Resolve(muscle, side, muscle.Essential).Distinct(StringComparer.Ordinal)],
                [.. atlas.Resolve(muscle, side, muscle.Spillover).Distinct(StringComparer.Ordinal)]);
        }
    }

    private static readonly MuscleGroup[] Groups = Enum.GetValues<MuscleGroup>();

    internal static string GroupSlug(MuscleGroup group) => group switch
    {
        MuscleGroup.HeadNeck => "head-neck",
        MuscleGroup.ShoulderArm => "shoulder-arm",
        MuscleGroup.ForearmHand => "forearm-hand",
        MuscleGroup.TrunkBack => "trunk-back",
        MuscleGroup.HipPelvis => "hip-pelvis",
        MuscleGroup.Thigh => "thigh",
        MuscleGroup.LegFoot => "leg-foot",
    };

    internal static string? SideSlug(BodySide? side) => side switch
    {
        BodySide.Left => "left",
        BodySide.Right => "right",
        _ => null,
    };

    /// <summary>
    /// The request as a query the engine answers, with every problem keyed like the JSON (<c>regions[2].id</c>).
    /// Bookings read the pain map they carry the same way.
    /// </summary>
    public static (ReferralQuery Query, Dictionary<string, string[]> Problems) Read(ReferralRequest request, Atlas atlas)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var regions = request.Regions ?? [];
        if (regions.Length > MaxRegions || (request.Symptoms?.Length ?? 0) > ReferralQuery.MaxSymptomEntries)
        {
            problems[regions.Length > MaxRegions ? "regions" : "symptoms"] =
                [$"At most {(regions.Length > MaxRegions ? MaxRegions : ReferralQuery.MaxSymptomEntries)} at once."];
            return (new ReferralQuery([], [], null, null), problems);
        }

        for (var i = 0; i < regions.Length; i++)
        {
            if (regions[i] is null)
            {
                problems[$"regions[{i}]"] = ["A region needs an id and an intensity."];
            }
            else if (regions[i].Intensity is null)
            {
                problems[$"regions[{i}].intensity"] = ["An intensity from 0 to 10 is required."];
            }
        }

        PainDuration? duration = null;
        if (request.Duration is not null)
        {
            duration = Enum.GetValues<PainDuration>().Cast<PainDuration?>()
                .FirstOrDefault(d => string.Equals(DurationSlug(d!.Value), request.Duration.Trim(), StringComparison.OrdinalIgnoreCase));
            if (duration is null)
            {
                problems["duration"] = ["Duration must be one of days, weeks, months or years."];
            }
        }

        var query = new ReferralQuery(
            [.. regions.Where(r => r is not null).Select(r => new PainfulRegion(r.Id ?? "", r.Intensity ?? 0))],
            request.Symptoms ?? [], request.Activity, duration);
        foreach (var (field, messages) in query.Validate(atlas))
        {
            problems.TryAdd(field, messages);
        }

        return (query, problems);
    }

    internal static string DurationSlug(PainDuration duration) => duration.ToString().ToLowerInvariant();
}
