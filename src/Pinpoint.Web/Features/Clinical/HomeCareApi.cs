using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pinpoint.Core.Clinical;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Clinical;

/// <summary>Home care: the catalogue, prescribing after a visit, the client's ticks, the care team's view of adherence.</summary>
public static class HomeCareApi
{
    public static RouteGroupBuilder MapHomeCareApi(this RouteGroupBuilder api)
    {
        api.MapGet("/home-care/exercises", (HomeCareCatalogue catalogue) => TypedResults.Ok(catalogue.All)).WithTags("Home care").WithName("ListExercises")
            .WithSummary("Self-release for every muscle in the atlas, and posture advice.");
        var authorized = api.MapGroup("").WithTags("Home care").RequireAuthorization();
        authorized.MapPost("/bookings/{id:guid}/home-care", Prescribe).WithName("PrescribeHomeCare")
            .WithSummary("The treating therapist prescribes exercises with a dose (hold, repetitions, times a day, days).")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        authorized.MapGet("/home-care", async (ClaimsPrincipal user, HomeCareService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ForClientAsync(CurrentUser.Id(user), ct)))
            .WithName("MyHomeCare").WithSummary("The signed-in client's exercises, the days ticked and adherence so far.");
        authorized.MapPut("/home-care/{prescriptionId:long}/days/{day}", Tick).WithName("TickHomeCareDay")
            .WithSummary("The client marks a day done (or not) for one exercise.").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        authorized.MapGet("/clients/{clientUserId}/home-care", ForCareTeam).WithName("ClientHomeCare")
            .WithSummary("A client's home care and adherence, for a therapist who has a booking with them or an admin (audited).");
        return api;
    }

    private static async Task<IResult> Prescribe(Guid id, PrescribeRequest body, ClaimsPrincipal user, HomeCareService service, CancellationToken cancellationToken)
    {
        var (outcome, errors) = await service.PrescribeAsync(id, user, body, cancellationToken);
        return outcome switch
        {
            HomeCareOutcome.Done => TypedResults.Ok(),
            HomeCareOutcome.Invalid => ApiProblems.Invalid(errors!),
            HomeCareOutcome.Forbidden => TypedResults.Problem(title: "Not your client's visit", statusCode: StatusCodes.Status403Forbidden),
            _ => ApiProblems.NotFound("No such booking", "There is no booking with this id."),
        };
    }

    private static async Task<IResult> Tick(long prescriptionId, string day, TickRequest body, ClaimsPrincipal user, HomeCareService service, CancellationToken cancellationToken)
    {
        var parsed = SupportedTimes.ParseDate(day);
        if (!parsed.Success)
        {
            return ApiProblems.Invalid(new() { ["day"] = ["A day such as 2026-12-02 is required."] });
        }

        var (outcome, message) = await service.TickAsync(prescriptionId, parsed.Value, body.Done, CurrentUser.Id(user), cancellationToken);
        return outcome switch
        {
            HomeCareOutcome.Done => TypedResults.NoContent(),
            HomeCareOutcome.Invalid => ApiProblems.Invalid(new() { ["day"] = [message!] }),
            _ => ApiProblems.NotFound("No such exercise", "You have no exercise with this id."),
        };
    }

    private static async Task<Results<Ok<HomeCareView>, ProblemHttpResult>> ForCareTeam(
        string clientUserId, ClaimsPrincipal user, HomeCareService service, CancellationToken cancellationToken) =>
        await service.ForCareTeamAsync(clientUserId, user, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.Problem(title: "Not your client", detail: "Only a therapist with a booking with this client, or an admin, sees their home care.", statusCode: StatusCodes.Status403Forbidden);
}
