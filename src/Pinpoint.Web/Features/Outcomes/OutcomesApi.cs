using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pinpoint.Core.Outcomes;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Outcomes;

/// <summary>Outcome measures: the instruments, what is due, answering, and progress.</summary>
public static class OutcomesApi
{
    public sealed record Submitted(double Score, OutcomeChange? ChangeSinceFirst);

    public static RouteGroupBuilder MapOutcomesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/outcomes/instruments", () => TypedResults.Ok(OutcomeMeasures.All.Select(OutcomeService.Dto).ToArray())).WithTags("Outcomes")
            .WithName("ListOutcomeInstruments").WithSummary("Every instrument: items, range, which way is better, MCID and sources.");
        var mine = api.MapGroup("/outcomes").WithTags("Outcomes").RequireAuthorization();
        mine.MapGet("/due", async (ClaimsPrincipal user, OutcomeService outcomes, CancellationToken ct) =>
                TypedResults.Ok(await outcomes.DueAsync(CurrentUser.Id(user), ct)))
            .WithName("DueOutcomes").WithSummary("The questionnaires due now (at the start, every third completed session, at the end of a plan).");
        mine.MapPost("/{instrumentId}", Submit).WithName("AnswerOutcome")
            .WithSummary("Scores and stores answers; returns the score and the change since the first time, read against the MCID.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        mine.MapGet("/", async (ClaimsPrincipal user, OutcomeService outcomes, CancellationToken ct) =>
                TypedResults.Ok(await outcomes.ProgressAsync(CurrentUser.Id(user), ct)))
            .WithName("MyProgress").WithSummary("Pain before and after each session, and every questionnaire over time.");
        api.MapGet("/clients/{clientUserId}/outcomes", ForCareTeam).WithTags("Outcomes").RequireAuthorization().WithName("ClientProgress")
            .WithSummary("A client's progress for a therapist with a booking with them, or an admin (audited).");
        return api;
    }

    private static async Task<IResult> Submit(string instrumentId, OutcomeSubmission body, ClaimsPrincipal user, OutcomeService outcomes, CancellationToken cancellationToken)
    {
        var (outcome, errors, score, change) = await outcomes.SubmitAsync(CurrentUser.Id(user), instrumentId, body, cancellationToken);
        return outcome switch
        {
            OutcomeOutcome.Created => TypedResults.Created("/api/outcomes", new Submitted(score!.Value, change)),
            OutcomeOutcome.Invalid => ApiProblems.Invalid(new Dictionary<string, string[]>(errors!)),
            _ => ApiProblems.NotFound("No such questionnaire", $"Use one of: {string.Join(", ", OutcomeMeasures.All.Select(i => i.Id))}."),
        };
    }

    private static async Task<Results<Ok<ProgressView>, ProblemHttpResult>> ForCareTeam(
        string clientUserId, ClaimsPrincipal user, OutcomeService outcomes, CancellationToken cancellationToken) =>
        await outcomes.ProgressForCareTeamAsync(clientUserId, user, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.Problem(title: "Not your client", statusCode: StatusCodes.Status403Forbidden);
}
