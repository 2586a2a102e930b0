using System.Security.Claims;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Plans;

public sealed record ReassessmentRequest(string? Text);

/// <summary>Treatment plans: preview a series, book it, follow progress, record the re-assessment.</summary>
public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/plans").WithTags("Treatment plans").RequireAuthorization();
        plans.MapPost("/preview", async (PlanRequest body, ClaimsPrincipal user, TreatmentPlans service, CancellationToken ct) =>
                Answer(await service.PreviewAsync(CurrentUser.Id(user), body, ct)))
            .WithName("PreviewPlan").WithSummary("Checks every session of a series (e.g. weekly × 6) and offers the nearest free times for those that do not fit.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        plans.MapPost("/", async (PlanRequest body, HttpRequest http, ClaimsPrincipal user, TreatmentPlans service, CancellationToken ct) =>
                Answer(await service.CreateAsync(CurrentUser.Id(user), body, http.Headers[IdempotencyKeys.Header].FirstOrDefault(), ct)))
            .WithName("CreatePlan").WithSummary("Books the plan's sessions (all or none) with an Idempotency-Key; 'starts' may replace the wanted times. A retry with the same key and body returns the plan (409 while the first is still booking it); the same key with another body is 422.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapGet("/", async (ClaimsPrincipal user, TreatmentPlans service, CancellationToken ct) => TypedResults.Ok(await service.MineAsync(user, ct)))
            .WithName("ListMyPlans").WithSummary("The signed-in client's or therapist's plans with progress.");
        plans.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, TreatmentPlans service, CancellationToken ct) => Answer(await service.GetAsync(id, user, ct)))
            .WithName("GetPlan");
        plans.MapPost("/{id:guid}/reassessment", async (Guid id, ReassessmentRequest body, ClaimsPrincipal user, TreatmentPlans service, CancellationToken ct) =>
                Answer(await service.ReassessAsync(id, user, body.Text, ct)))
            .WithName("ReassessPlan").WithSummary("After the last session, the therapist records progress against the goals; the plan is then completed.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static IResult Answer(PlanResult result) => result.Outcome switch
    {
        PlanOutcome.Done when result.Plan is null => TypedResults.Ok(result.Series),
        PlanOutcome.Done => TypedResults.Ok(result.Plan),
        PlanOutcome.Replayed => TypedResults.Ok(result.Plan),
        PlanOutcome.Invalid => ApiProblems.Invalid(result.Errors!),
        PlanOutcome.Conflict => TypedResults.Problem(title: "A session is taken", detail: result.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["series"] = result.Series }),
        PlanOutcome.InProgress => TypedResults.Problem(title: "Still being booked", detail: result.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["plan"] = result.Plan }),
        PlanOutcome.Forbidden => TypedResults.Problem(title: "Not your plan", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
        PlanOutcome.Refused => Booking.BookingApi.NotTakingBookings(),
        _ => ApiProblems.NotFound("No such plan", "There is no treatment plan with this id."),
    };
}
