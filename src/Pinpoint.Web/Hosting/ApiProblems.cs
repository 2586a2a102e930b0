using Microsoft.AspNetCore.Http.HttpResults;

namespace Pinpoint.Web.Hosting;

/// <summary>The ProblemDetails shapes every API answers with.</summary>
public static class ApiProblems
{
    /// <summary>422 with field-level errors keyed like the request's JSON (or form) fields.</summary>
    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request has invalid fields.",
            Detail = string.Join(" ", errors.SelectMany(p => p.Value)),
        });

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);
}
