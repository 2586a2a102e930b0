using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pinpoint.Core.Clinical;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Clinical;

/// <summary>The body of an addendum.</summary>
public sealed record AddendumRequest(string? Text);

/// <summary>SOAP notes with a body chart, per booking; the client's session summary.</summary>
public static class ClinicalApi
{
    public static RouteGroupBuilder MapClinicalApi(this RouteGroupBuilder api)
    {
        var notes = api.MapGroup("/bookings/{id:guid}").WithTags("Clinical notes").RequireAuthorization();
        notes.MapGet("/note", async (Guid id, ClaimsPrincipal user, SessionNotes service, CancellationToken ct) => Answer(await service.GetAsync(id, user, ct)))
            .WithName("GetSessionNote").WithSummary("The session's SOAP note with its body chart (treating therapist, admin; audited).");
        notes.MapPut("/note", async (Guid id, SoapNote note, ClaimsPrincipal user, SessionNotes service, CancellationToken ct) => Answer(await service.SaveDraftAsync(id, user, note, ct)))
            .WithName("SaveSessionNote").WithSummary("Saves the draft note (treating therapist; 409 once signed or 24 h after the session).")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        notes.MapPost("/note/sign", async (Guid id, ClaimsPrincipal user, SessionNotes service, CancellationToken ct) => Answer(await service.SignAsync(id, user, ct)))
            .WithName("SignSessionNote").WithSummary("Signs and locks the note; it needs the client's report, pain before and after, assessment and plan.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        notes.MapPost("/note/addenda", async (Guid id, AddendumRequest body, ClaimsPrincipal user, SessionNotes service, CancellationToken ct) =>
                Answer(await service.AddAddendumAsync(id, user, body.Text, ct)))
            .WithName("AddNoteAddendum").WithSummary("Adds a correction to a locked note, with author and time.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        notes.MapGet("/summary", Summary).WithName("GetSessionSummary")
            .WithSummary("What the client is told about the session: points found and treated in plain words, pain before and after.");
        return api;
    }

    private static async Task<Results<Ok<SessionSummary>, ProblemHttpResult>> Summary(Guid id, ClaimsPrincipal user, SessionNotes service, CancellationToken cancellationToken)
    {
        var (outcome, summary) = await service.SummaryAsync(id, user, cancellationToken);
        return outcome switch
        {
            NoteOutcome.Done => TypedResults.Ok(summary!),
            NoteOutcome.Forbidden => TypedResults.Problem(title: "Not your session", statusCode: StatusCodes.Status403Forbidden),
            _ => TypedResults.Problem(title: "No summary yet", detail: "Your therapist has not finished this session's note yet.", statusCode: StatusCodes.Status404NotFound),
        };
    }

    private static IResult Answer(NoteResult result) => result.Outcome switch
    {
        NoteOutcome.Done => TypedResults.Ok(result.Note),
        NoteOutcome.Invalid => ApiProblems.Invalid(new Dictionary<string, string[]>(result.Errors!)),
        NoteOutcome.Forbidden => TypedResults.Problem(title: "Not allowed", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
        NoteOutcome.Locked => TypedResults.Problem(title: "The note is locked", detail: result.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["note"] = result.Note }),
        NoteOutcome.TooEarly => TypedResults.Problem(title: "The visit has not started", detail: result.Message, statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Problem(title: "Not found", detail: result.Message ?? "No such booking.", statusCode: StatusCodes.Status404NotFound),
    };
}
