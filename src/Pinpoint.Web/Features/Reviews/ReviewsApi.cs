using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Reviews;

/// <summary>Rating a completed session; a therapist's reviews in public.</summary>
public static class ReviewsApi
{
    public sealed record ReviewsDto(double? Average, int Count, IReadOnlyList<PublicReview> Latest);

    public static RouteGroupBuilder MapReviewsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/bookings/{id:guid}/review", Add).WithTags("Reviews").RequireAuthorization().WithName("ReviewSession")
            .WithSummary("The client rates a completed session (1–5) with an optional comment; once per booking.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/therapists/{id:guid}/reviews", List).WithTags("Reviews").WithName("ListTherapistReviews")
            .WithSummary("A therapist's average rating, count and latest comments (no client identities).");
        return api;
    }

    private static async Task<IResult> Add(Guid id, ReviewRequest body, ClaimsPrincipal user, ReviewService reviews, CancellationToken cancellationToken)
    {
        var (outcome, errors) = await reviews.AddAsync(id, user, body, cancellationToken);
        return outcome switch
        {
            ReviewOutcome.Created => TypedResults.Created($"/api/bookings/{id}/review"),
            ReviewOutcome.Invalid => ApiProblems.Invalid(errors!),
            ReviewOutcome.AlreadyReviewed => ApiProblems.Conflict("Already rated", "You have rated this session already."),
            ReviewOutcome.Forbidden => TypedResults.Problem(title: "Not your session", statusCode: StatusCodes.Status403Forbidden),
            _ => ApiProblems.NotFound("No such booking", "There is no booking with this id."),
        };
    }

    private static async Task<Ok<ReviewsDto>> List(Guid id, ReviewService reviews, CancellationToken cancellationToken)
    {
        var summary = await reviews.SummaryAsync(id, cancellationToken);
        return TypedResults.Ok(new ReviewsDto(summary.Average, summary.Count, await reviews.LatestAsync(id, 10, cancellationToken)));
    }
}
