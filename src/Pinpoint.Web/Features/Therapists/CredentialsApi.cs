using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Web.Data;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>Applying for a modality (therapists) and vetting applications (admins). Documents go only to their owner and admins.</summary>
public static class CredentialsApi
{
    public static RouteGroupBuilder MapCredentialsApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/therapists/me/credentials").WithTags("Therapist self-service").RequireAuthorization(AuthorizationPolicies.Therapist);
        me.MapGet("/", Mine).WithName("ListMyCredentials");
        me.MapPost("/", Apply).WithName("ApplyForModality").DisableAntiforgery().Accepts<CredentialUploadForm>("multipart/form-data")
            .WithSummary("Multipart form: modality, issuer, number, issuedOn, expiresOn (yyyy-MM-dd) and the document (PDF, JPEG or PNG, ≤ 5 MB).")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        me.MapGet("/{id:guid}/document", MyDocument).WithName("GetMyCredentialDocument");

        var admin = api.MapGroup("/admin").WithTags("Admin: vetting").RequireAuthorization(AuthorizationPolicies.Admin);
        admin.MapGet("/credentials/pending", Pending).WithName("ListPendingCredentials").WithSummary("The vetting queue, oldest first.");
        admin.MapGet("/credentials/expiring", Expiring).WithName("ListExpiringCredentials").WithSummary("Approved credentials lapsing within 30 days.");
        admin.MapPost("/credentials/{id:guid}/decision", Decide).WithName("DecideCredential")
            .WithSummary("Approve or reject a pending application; a rejection needs a reason.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapGet("/credentials/{id:guid}/document", Document).WithName("GetCredentialDocument");
        admin.MapGet("/therapists", Directory).WithName("AdminListTherapists").WithSummary("Every therapist; filter by modality, status, area or name.");
        admin.MapGet("/therapists/{id:guid}/decisions", Decisions).WithName("ListVettingDecisions");
        return api;
    }

    public static async Task<Results<Ok<CredentialDto[]>, ProblemHttpResult>> Mine(
        ClaimsPrincipal user, TherapistProfiles profiles, CredentialVetting vetting, CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(user), cancellationToken);
        return therapist is null
            ? TherapistsApi.NoProfile()
            : TypedResults.Ok(OwnProfileDto.From(therapist, vetting.Today(therapist.TimeZoneId)).Credentials.ToArray());
    }

    public static async Task<Results<Created<CredentialDto>, ProblemHttpResult>> Apply(
        HttpRequest request, ClaimsPrincipal user, TherapistProfiles profiles, CredentialVetting vetting, IClock clock, CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(user), cancellationToken);
        if (therapist is null)
        {
            return TherapistsApi.NoProfile();
        }

        if (!request.HasFormContentType)
        {
            return ApiProblems.Invalid(new() { ["document"] = ["Send a multipart/form-data request with the fields and the document."] });
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or IOException or BadHttpRequestException)
        {
            // No boundary, a truncated or garbled body, or more fields than the form reader allows: the caller's fault.
            return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["document"] = ["The form could not be read. Send multipart/form-data with the fields and one document."],
            })
            { Status = StatusCodes.Status400BadRequest, Title = "The request could not be read." });
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var input = new CredentialInput
        {
            Modality = form["modality"].FirstOrDefault(),
            Issuer = form["issuer"].FirstOrDefault(),
            Number = form["number"].FirstOrDefault(),
            IssuedOn = FormDates.Parse(form["issuedOn"].FirstOrDefault(), "issuedOn", errors),
            ExpiresOn = FormDates.Parse(form["expiresOn"].FirstOrDefault(), "expiresOn", errors),
        };
        var (document, documentError) = await Uploads.ReadAsync(form.Files.GetFile("document"), Uploads.CredentialDocument, therapist.UserId,
            clock.GetCurrentInstant(), cancellationToken);
        // A date that did not parse arrives as null, which the service reports as missing; the parse message is more useful.
        var (credential, applyErrors) = await vetting.ApplyAsync(therapist, input, document, documentError, cancellationToken);
        foreach (var (field, messages) in applyErrors)
        {
            errors.TryAdd(field, messages);
        }

        return credential is null || errors.Count > 0
            ? ApiProblems.Invalid(errors)
            : TypedResults.Created($"/api/therapists/me/credentials/{credential.Id}", CredentialDto.From(credential, vetting.Today(therapist.TimeZoneId)));
    }

    public static async Task<IResult> MyDocument(Guid id, ClaimsPrincipal user, PinpointDb db, CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(user);
        var documentId = await db.TherapistCredentials.Where(c => c.Id == id)
            .Join(db.Therapists.Where(t => t.UserId == userId), c => c.TherapistId, t => t.Id, (c, t) => c.DocumentId)
            .SingleOrDefaultAsync(cancellationToken);
        return await FileResultAsync(db, documentId, cancellationToken);
    }

    public static async Task<Ok<PendingCredentialDto[]>> Pending(TherapistDirectory directory, CancellationToken cancellationToken)
    {
        return TypedResults.Ok((await directory.PendingAsync(cancellationToken))
            .Select(p => new PendingCredentialDto(CredentialDto.From(p.Credential, directory.Today(p.Therapist.TimeZoneId)), p.Therapist.Id, p.Therapist.DisplayName, p.Therapist.HomeSuburb)).ToArray());
    }

    public static async Task<Ok<PendingCredentialDto[]>> Expiring(TherapistDirectory directory, CancellationToken cancellationToken)
    {
        return TypedResults.Ok((await directory.ExpiringAsync(cancellationToken))
            .Select(p => new PendingCredentialDto(CredentialDto.From(p.Credential, directory.Today(p.Therapist.TimeZoneId)), p.Therapist.Id, p.Therapist.DisplayName, p.Therapist.HomeSuburb)).ToArray());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Decide(
        Guid id, DecisionInput input, ClaimsPrincipal user, CredentialVetting vetting, CancellationToken cancellationToken)
    {
        if (input.Approve is null)
        {
            return ApiProblems.Invalid(new() { ["approve"] = ["Say true to approve or false to reject."] });
        }

        if (input.Reason is { Length: > 1000 })
        {
            return ApiProblems.Invalid(new() { ["reason"] = ["The reason can be at most 1,000 characters."] });
        }

        return await vetting.DecideAsync(id, input.Approve.Value, input.Reason, CurrentUser.Id(user), cancellationToken) switch
        {
            VettingOutcome.Done => TypedResults.NoContent(),
            VettingOutcome.NotFound => ApiProblems.NotFound("Unknown credential", $"There is no credential '{id}'."),
            VettingOutcome.NotPending => ApiProblems.Conflict("Already decided", "This application has already been approved or rejected."),
            VettingOutcome.ReasonRequired => ApiProblems.Invalid(new() { ["reason"] = ["Tell the therapist why the application is rejected."] }),
            _ => throw new InvalidOperationException("Unknown vetting outcome."),
        };
    }

    public static async Task<IResult> Document(Guid id, PinpointDb db, CancellationToken cancellationToken)
    {
        var documentId = await db.TherapistCredentials.Where(c => c.Id == id).Select(c => c.DocumentId).SingleOrDefaultAsync(cancellationToken);
        return await FileResultAsync(db, documentId, cancellationToken);
    }

    public static async Task<Results<Ok<AdminTherapistDto[]>, ProblemHttpResult>> Directory(
        string? modality, string? status, string? area, string? q, TherapistDirectory directory, CancellationToken cancellationToken)
    {
        var errors = TherapistsApi.Filters(modality, area, directory, out var parsed);
        if (status is not null && !DirectoryStatuses.All.Contains(status))
        {
            errors["status"] = [$"Unknown status '{status}'. Known: {string.Join(", ", DirectoryStatuses.All)}."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var entries = await directory.AdminAsync(new DirectoryFilter(parsed, area, status, q), cancellationToken);
        return TypedResults.Ok(entries.Select(e => new AdminTherapistDto(PublicTherapistDto.From(e), e.Therapist.TimeZoneId,
            [.. e.Therapist.Credentials.Select(c => CredentialDto.From(c, directory.Today(e.Therapist.TimeZoneId)))])).ToArray());
    }

    public static async Task<Ok<DecisionDto[]>> Decisions(Guid id, TherapistDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok((await directory.DecisionsAsync(id, cancellationToken))
            .Select(d => new DecisionDto(d.CredentialId, d.Modality.Slug(), d.Decision.ToString().ToLowerInvariant(), d.Reason, d.DecidedByUserId, d.DecidedAt)).ToArray());

    private static async Task<IResult> FileResultAsync(PinpointDb db, Guid? fileId, CancellationToken cancellationToken)
    {
        var file = fileId is { } fid ? await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fid, cancellationToken) : null;
        return file is null
            ? ApiProblems.NotFound("No document", "There is no document for this credential.")
            : TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}

/// <summary>The fields of a credential application as the multipart form carries them (documented in OpenAPI).</summary>
/// <param name="Modality">The therapy applied for: myofascial, neuromuscular, sports or clinical.</param>
/// <param name="Issuer">The body that issued the certificate.</param>
/// <param name="Number">The certificate or membership number, if any.</param>
/// <param name="IssuedOn">yyyy-MM-dd.</param>
/// <param name="ExpiresOn">yyyy-MM-dd, if it expires.</param>
/// <param name="Document">The certificate: PDF, JPEG or PNG.</param>
public sealed record CredentialUploadForm(string Modality, string Issuer, string? Number, string IssuedOn, string? ExpiresOn, IFormFile Document);
