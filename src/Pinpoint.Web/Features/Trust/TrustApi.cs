using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Trust;

public sealed record SuspensionInput(string? Reason);

public sealed record ReinstatementInput(string? Note);

public sealed record SuspensionDto(bool Suspended, string? Reason, NodaTime.Instant? Since);

/// <summary>Therapists rate and block clients after a visit; operators read clients' standing and suspend or reinstate them.</summary>
public static class TrustApi
{
    public static RouteGroupBuilder MapTrustApi(this RouteGroupBuilder api)
    {
        var visits = api.MapGroup("/bookings/{id:guid}").WithTags("Therapist self-service").RequireAuthorization(AuthorizationPolicies.Therapist);
        visits.MapPost("/client-rating", Rate).WithName("RateClient")
            .WithSummary("The visit's therapist rates the client once the visit is closed (1–5, optional private note; block: true also blocks the client). Private to operators. The same rating again answers 200; a different one 409 with the stored rating.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);
        visits.MapPost("/client-block", Block).WithName("BlockClient")
            .WithSummary("The visit's therapist blocks its client from booking them again (after a closed visit); blocking twice is blocking once.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        var me = api.MapGroup("/therapists/me/blocks").WithTags("Therapist self-service").RequireAuthorization(AuthorizationPolicies.Therapist);
        me.MapGet("/", async (ClaimsPrincipal user, ClientRatings ratings, CancellationToken ct) => TypedResults.Ok(await ratings.MyBlocksAsync(user, ct)))
            .WithName("ListMyBlocks").WithSummary("The clients the signed-in therapist has blocked.");
        me.MapDelete("/{blockId:long}", async (long blockId, ClaimsPrincipal user, ClientRatings ratings, CancellationToken ct) =>
            {
                await ratings.UnblockAsync(blockId, user, ct);
                return TypedResults.NoContent();
            })
            .WithName("LiftBlock").WithSummary("Lifts a block: the client can be offered and book this therapist again. Lifting one already lifted changes nothing (204).");

        var admin = api.MapGroup("/admin/clients").WithTags("Admin: clients").RequireAuthorization(AuthorizationPolicies.Admin);
        admin.MapGet("/", async (string? q, TrustRecords records, CancellationToken ct) =>
                TypedResults.Ok(string.IsNullOrWhiteSpace(q) ? await records.FlaggedAsync(ct) : await records.SearchAsync(q, ct)))
            .WithName("ListClients").WithSummary("Clients with a therapist's rating, a block or an open suspension, latest first; with q, clients whose name or email contains it.");
        admin.MapGet("/{userId}", Record).WithName("GetClientRecord")
            .WithSummary("A client's ratings by therapists (private), blocks and suspensions.");
        admin.MapPost("/{userId}/suspension", Suspend).WithName("SuspendClient")
            .WithSummary("Suspends a client with a reason (never shown to them): they can book nobody and are told neutrally. Existing bookings stay; cancel them separately. Suspending again keeps the open suspension.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{userId}/reinstatement", Reinstate).WithName("ReinstateClient")
            .WithSummary("Ends a client's suspension (an optional note); reinstating a client who is not suspended changes nothing.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Rate(Guid id, ClientRatingRequest body, ClaimsPrincipal user, ClientRatings ratings, CancellationToken cancellationToken)
    {
        var result = await ratings.RateAsync(id, user, body, cancellationToken);
        return result.Outcome switch
        {
            TrustOutcome.Done => TypedResults.Created($"/api/bookings/{id}/client-rating", result.Rating),
            TrustOutcome.Replayed => TypedResults.Ok(result.Rating),
            TrustOutcome.Invalid => ApiProblems.Invalid(result.Errors!),
            TrustOutcome.AlreadyRated => TypedResults.Problem(title: "Already rated", detail: "You have rated the client of this visit already; the rating stays as it was.",
                statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["rating"] = result.Rating }),
            _ => NoSuchVisit(),
        };
    }

    private static async Task<IResult> Block(Guid id, ClaimsPrincipal user, ClientRatings ratings, CancellationToken cancellationToken) =>
        await ratings.BlockAsync(id, user, cancellationToken) switch
        {
            TrustOutcome.Done or TrustOutcome.Replayed => TypedResults.Ok(new { blocked = true }),
            TrustOutcome.Invalid => ApiProblems.Conflict("Not closed yet", "You can block the client once the visit is closed (completed or no-show)."),
            _ => NoSuchVisit(),
        };

    private static async Task<Results<Ok<ClientTrustRecord>, ProblemHttpResult>> Record(string userId, TrustRecords records, CancellationToken cancellationToken) =>
        await records.RecordAsync(userId, cancellationToken) is { } record ? TypedResults.Ok(record) : NoSuchClient();

    private static async Task<IResult> Suspend(string userId, SuspensionInput body, ClaimsPrincipal user, ClientSuspensions suspensions, CancellationToken cancellationToken) =>
        Answer(await suspensions.SuspendAsync(userId, CurrentUser.Id(user), body.Reason, cancellationToken));

    private static async Task<IResult> Reinstate(
        string userId, ReinstatementInput? body, ClaimsPrincipal user, ClientSuspensions suspensions, CancellationToken cancellationToken) =>
        Answer(await suspensions.ReinstateAsync(userId, CurrentUser.Id(user), body?.Note, cancellationToken));

    private static IResult Answer(SuspensionResult result) => result.Outcome switch
    {
        SuspensionOutcome.Suspended or SuspensionOutcome.AlreadySuspended =>
            TypedResults.Ok(new SuspensionDto(true, result.Suspension!.Reason, result.Suspension.SuspendedAt)),
        SuspensionOutcome.Reinstated or SuspensionOutcome.NotSuspended => TypedResults.Ok(new SuspensionDto(false, null, null)),
        SuspensionOutcome.Invalid => ApiProblems.Invalid(result.Errors!),
        _ => NoSuchClient(),
    };

    private static ProblemHttpResult NoSuchVisit() => ApiProblems.NotFound("No such visit", "There is no such visit in your schedule.");

    private static ProblemHttpResult NoSuchClient() => ApiProblems.NotFound("No such client", "There is no client with this id.");
}
