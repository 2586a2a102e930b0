using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pinpoint.Core.Catalogue;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>
/// The public directory (approved therapists, public fields only) and a therapist's own profile and photo.
/// Multipart endpoints skip antiforgery tokens: the auth cookie is SameSite=Lax, so other sites cannot post with it.
/// </summary>
public static class TherapistsApi
{
    public static RouteGroupBuilder MapTherapistsApi(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("/therapists").WithTags("Therapists").RequireRateLimiting(AbuseLimits.PublicApi);
        open.MapGet("/", List).WithName("ListTherapists").WithSummary("Approved therapists, optionally for one modality and reaching an area.");
        open.MapGet("/{id:guid}", Get).WithName("GetTherapist").WithSummary("One approved therapist's public profile.");
        open.MapGet("/{id:guid}/photo", Photo).WithName("GetTherapistPhoto");

        var me = api.MapGroup("/therapists/me").WithTags("Therapist self-service").RequireAuthorization(AuthorizationPolicies.Therapist);
        me.MapGet("/", Mine).WithName("GetMyTherapistProfile");
        me.MapPut("/", Update).WithName("UpdateMyTherapistProfile").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        me.MapPut("/photo", UploadPhoto).WithName("UploadMyPhoto").DisableAntiforgery()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    public static async Task<Results<Ok<PublicTherapistDto[]>, ProblemHttpResult>> List(
        string? modality, string? area, TherapistDirectory directory, CancellationToken cancellationToken)
    {
        var errors = Filters(modality, area, directory, out var parsed);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var entries = await directory.PublicAsync(new DirectoryFilter(parsed, area), cancellationToken);
        return TypedResults.Ok(entries.Select(PublicTherapistDto.From).ToArray());
    }

    public static async Task<Results<Ok<PublicTherapistDto>, ProblemHttpResult>> Get(Guid id, TherapistDirectory directory, CancellationToken cancellationToken)
    {
        var therapist = await directory.FindAsync(id, cancellationToken);
        var bookable = therapist is null ? [] : CredentialVetting.BookableModalities(therapist, directory.Today(therapist.TimeZoneId));
        return therapist is null || bookable.Count == 0
            ? ApiProblems.NotFound("Unknown therapist", $"There is no approved therapist '{id}'.")
            : TypedResults.Ok(PublicTherapistDto.From(therapist, bookable));
    }

    public static async Task<IResult> Photo(Guid id, ClaimsPrincipal user, TherapistDirectory directory, Data.PinpointDb db, CancellationToken cancellationToken)
    {
        var therapist = await directory.FindAsync(id, cancellationToken);
        var visible = therapist is not null &&
                      (CredentialVetting.BookableModalities(therapist, directory.Today(therapist.TimeZoneId)).Count > 0 ||
                       user.IsInRole(Roles.Admin) || therapist.UserId == user.FindFirstValue(ClaimTypes.NameIdentifier));
        var file = visible && therapist!.PhotoId is { } photoId ? await db.StoredFiles.FindAsync([photoId], cancellationToken) : null;
        return file is null
            ? ApiProblems.NotFound("No photo", "This therapist has no photo to show.")
            : TypedResults.File(file.Content, file.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Sha256}\""));
    }

    public static async Task<Results<Ok<OwnProfileDto>, ProblemHttpResult>> Mine(
        ClaimsPrincipal user, TherapistProfiles profiles, CredentialVetting vetting, CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(user), cancellationToken);
        return therapist is null ? NoProfile() : TypedResults.Ok(OwnProfileDto.From(therapist, vetting.Today(therapist.TimeZoneId)));
    }

    public static async Task<Results<Ok<OwnProfileDto>, ProblemHttpResult>> Update(
        ProfileInput input, ClaimsPrincipal user, TherapistProfiles profiles, CredentialVetting vetting, CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(user), cancellationToken);
        if (therapist is null)
        {
            return NoProfile();
        }

        var errors = await profiles.UpdateAsync(therapist, input, cancellationToken);
        return errors.Count > 0 ? ApiProblems.Invalid(errors) : TypedResults.Ok(OwnProfileDto.From(therapist, vetting.Today(therapist.TimeZoneId)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UploadPhoto(
        IFormFile? file, ClaimsPrincipal user, TherapistProfiles profiles, NodaTime.IClock clock, CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(user), cancellationToken);
        if (therapist is null)
        {
            return NoProfile();
        }

        var (photo, error) = await Uploads.ReadAsync(file, Uploads.Photo, therapist.UserId, clock.GetCurrentInstant(), cancellationToken);
        if (photo is null)
        {
            return ApiProblems.Invalid(new() { ["file"] = [error!] });
        }

        await profiles.ReplacePhotoAsync(therapist, photo, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static ProblemHttpResult NoProfile() =>
        ApiProblems.NotFound("No therapist profile", "This account has no therapist profile.");

    internal static Dictionary<string, string[]> Filters(string? modality, string? area, TherapistDirectory directory, out Modality? parsed)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        parsed = null;
        if (modality is not null)
        {
            if (Modalities.TryParseSlug(modality, out var m))
            {
                parsed = m;
            }
            else
            {
                errors["modality"] = [$"Unknown modality '{modality}'. Known: {string.Join(", ", Modalities.All.Select(x => x.Slug()))}."];
            }
        }

        if (!string.IsNullOrWhiteSpace(area) && directory.ResolveArea(area) is null)
        {
            errors["area"] = [$"We do not know the area '{area}'. Use a suburb, a postcode or coordinates."];
        }

        return errors;
    }
}
