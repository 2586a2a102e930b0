using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Pinpoint.Core.Intake;
using Pinpoint.Core.Referral;
using Pinpoint.Core.Screening;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Intake;

public sealed record IntakeFormDto(
    IReadOnlyList<Choice> Complaints, IReadOnlyList<Choice> Goals, IReadOnlyList<Choice> Pressures, IReadOnlyList<Choice> TherapistGenders,
    IReadOnlyList<Choice> Scents, IReadOnlyList<Choice> Music, IReadOnlyList<Choice> Lighting, IReadOnlyList<Choice> RoomTemperatures,
    IReadOnlyList<TermChoice> Activities, IReadOnlyList<ScreeningQuestion> Screening, IReadOnlyList<ConsentText> Consents);

public sealed record TermChoice(string Id, string Label);

public sealed record SubmitInput(Dictionary<string, string>? Consents);

public sealed record DraftDto(IntakeContent Content, ScreeningResult? ScreeningPreview, IReadOnlyList<ReferralCandidate> LikelySources);

/// <summary>The client's intake, screening and consents (signed-in client), and reading a client's intake (therapist with a booking, admin).</summary>
public static class IntakeApi
{
    public static RouteGroupBuilder MapIntakeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/intake/form", Form).WithTags("Intake").WithName("GetIntakeForm").WithSummary("The intake's choices, screening questions and consent texts.");
        var mine = api.MapGroup("/intake").WithTags("Intake").RequireAuthorization();
        mine.MapGet("/draft", GetDraft).WithName("GetIntakeDraft");
        mine.MapPut("/draft", SaveDraft).WithName("SaveIntakeDraft").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        mine.MapPost("/submit", Submit).WithName("SubmitIntake").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        mine.MapGet("/", Latest).WithName("GetLatestIntake");
        mine.MapGet("/versions", Versions).WithName("ListIntakeVersions");
        mine.MapGet("/versions/{version:int}", Version).WithName("GetIntakeVersion");
        api.MapPost("/screening/evaluate", Evaluate).WithTags("Intake").RequireAuthorization().WithName("EvaluateScreening")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/clients/{clientUserId}/intake", ClientIntake).WithTags("Intake").RequireAuthorization().WithName("GetClientIntake")
            .WithSummary("A client's latest intake for their therapist (with a booking) or an admin; every read is audited.");
        return api;
    }

    public static Ok<IntakeFormDto> Form() => TypedResults.Ok(new IntakeFormDto(
        IntakeChoices.Complaints, IntakeChoices.Goals, IntakeChoices.Pressures, IntakeChoices.TherapistGenders, IntakeChoices.Scents,
        IntakeChoices.Music, IntakeChoices.Lighting, IntakeChoices.RoomTemperatures,
        [.. Vocabulary.Activities.Select(a => new TermChoice(a.Id, a.Label))], ScreeningRules.Questions, ConsentTexts.Current));

    public static async Task<Ok<DraftDto>> GetDraft(ClaimsPrincipal user, IntakeService intake, ReferralEngine engine, CancellationToken cancellationToken)
    {
        var content = await intake.GetDraftAsync(CurrentUser.Id(user), cancellationToken);
        return TypedResults.Ok(Draft(content, await intake.TodayAsync(CurrentUser.Id(user), cancellationToken), engine));
    }

    public static async Task<Results<Ok<DraftDto>, ProblemHttpResult>> SaveDraft(
        IntakeContent content, ClaimsPrincipal user, IntakeService intake, ReferralEngine engine, CancellationToken cancellationToken)
    {
        content = content.Normalized();
        var errors = await intake.SaveDraftAsync(CurrentUser.Id(user), content, cancellationToken);
        return errors.Count > 0 ? ApiProblems.Invalid(new(errors)) : TypedResults.Ok(Draft(content, await intake.TodayAsync(CurrentUser.Id(user), cancellationToken), engine));
    }

    public static async Task<Results<Created<IntakeSnapshot>, ProblemHttpResult>> Submit(
        SubmitInput? input, ClaimsPrincipal user, IntakeService intake, CancellationToken cancellationToken)
    {
        var (snapshot, errors) = await intake.SubmitAsync(CurrentUser.Id(user), input?.Consents, cancellationToken);
        return snapshot is null ? ApiProblems.Invalid(errors) : TypedResults.Created($"/api/intake/versions/{snapshot.Version}", snapshot);
    }

    public static async Task<Results<Ok<IntakeSnapshot>, ProblemHttpResult>> Latest(ClaimsPrincipal user, IntakeService intake, CancellationToken cancellationToken) =>
        await intake.LatestAsync(CurrentUser.Id(user), cancellationToken) is { } latest
            ? TypedResults.Ok(latest)
            : ApiProblems.NotFound("No intake yet", "You have not submitted an intake. Save a draft with PUT /api/intake/draft, then submit it.");

    public static async Task<Ok<IntakeSnapshot[]>> Versions(ClaimsPrincipal user, IntakeService intake, CancellationToken cancellationToken) =>
        TypedResults.Ok((await intake.VersionsAsync(CurrentUser.Id(user), cancellationToken)).ToArray());

    public static async Task<Results<Ok<IntakeSnapshot>, ProblemHttpResult>> Version(int version, ClaimsPrincipal user, IntakeService intake, CancellationToken cancellationToken) =>
        (await intake.VersionsAsync(CurrentUser.Id(user), cancellationToken)).FirstOrDefault(v => v.Version == version) is { } found
            ? TypedResults.Ok(found)
            : ApiProblems.NotFound("Unknown version", $"You have no intake version {version}.");

    public static async Task<Results<Ok<ScreeningResult>, ProblemHttpResult>> Evaluate(
        Dictionary<string, ScreeningAnswer?> answers, string? regions, ClaimsPrincipal user, IntakeService intake, Pinpoint.Core.Anatomy.Atlas atlas,
        CancellationToken cancellationToken)
    {
        var today = await intake.TodayAsync(CurrentUser.Id(user), cancellationToken);
        var errors = ScreeningRules.Validate(answers, atlas, today);
        return errors.Count > 0
            ? ApiProblems.Invalid(new(errors))
            : TypedResults.Ok(ScreeningRules.Evaluate(new ScreeningContext(answers.ToDictionary(a => a.Key, a => a.Value!),
                [.. (regions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)], today)));
    }

    public static async Task<Results<Ok<IntakeSnapshot>, ProblemHttpResult>> ClientIntake(
        string clientUserId, ClaimsPrincipal user, ClientRecordAccess access, IntakeService intake, CancellationToken cancellationToken)
    {
        if (!await access.CanReadAsync(user, clientUserId, "intake", cancellationToken))
        {
            return TypedResults.Problem(title: "Not your client", statusCode: StatusCodes.Status403Forbidden,
                detail: "A therapist can read a client's intake only while they have a booking together. This attempt has been recorded.");
        }

        return await intake.LatestAsync(clientUserId, cancellationToken) is { } latest
            ? TypedResults.Ok(latest)
            : ApiProblems.NotFound("No intake", "This client has not submitted an intake.");
    }

    private static DraftDto Draft(IntakeContent content, LocalDate today, ReferralEngine engine)
    {
        var regions = content.Regions.Where(r => r.Intensity > 0).ToList();
        var sources = regions.Count == 0 ? [] : engine.Rank(regions, content.Activity, 5);
        var preview = content.Screening.Values.Any(a => a is not null) ? IntakeService.Screen(content, today) : null;
        return new DraftDto(content, preview, sources);
    }
}
