using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime.Text;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>A therapist's working hours, exceptions and time off.</summary>
public static class ScheduleApi
{
    public static RouteGroupBuilder MapScheduleApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/therapists/me").WithTags("Therapist self-service").RequireAuthorization(AuthorizationPolicies.Therapist);
        me.MapGet("/hours", GetHours).WithName("GetMyHours");
        me.MapPut("/hours", SetHours).WithName("SetMyHours").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        me.MapGet("/hours/preview", Preview).WithName("PreviewMyHours")
            .WithSummary("The working intervals of the coming days, as local times with their UTC offset, exceptions applied.");
        me.MapPost("/exceptions", AddException).WithName("AddMyScheduleException").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        me.MapDelete("/exceptions/{id:long}", RemoveException).WithName("RemoveMyScheduleException");
        return api;
    }

    public static async Task<Results<Ok<HoursDto>, ProblemHttpResult>> GetHours(ClaimsPrincipal user, TherapistProfiles profiles, CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(user), cancellationToken);
        return therapist is null ? TherapistsApi.NoProfile() : TypedResults.Ok(HoursDto.From(therapist));
    }

    public static async Task<Results<Ok<HoursDto>, ProblemHttpResult>> SetHours(
        HoursInput input, ClaimsPrincipal user, TherapistProfiles profiles, TherapistSchedule schedule, CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(user), cancellationToken);
        if (therapist is null)
        {
            return TherapistsApi.NoProfile();
        }

        var errors = await schedule.SetHoursAsync(therapist, input, cancellationToken);
        return errors.Count > 0 ? ApiProblems.Invalid(errors) : TypedResults.Ok(HoursDto.From(therapist));
    }

    public static async Task<Results<Ok<WorkingIntervalDto[]>, ProblemHttpResult>> Preview(
        string? from, int? days, ClaimsPrincipal user, TherapistProfiles profiles, CredentialVetting vetting, CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(user), cancellationToken);
        if (therapist is null)
        {
            return TherapistsApi.NoProfile();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var start = vetting.Today(therapist.TimeZoneId);
        if (from is not null)
        {
            var parsed = SupportedTimes.ParseDate(from);
            if (parsed.Success)
            {
                start = parsed.Value;
            }
            else
            {
                errors["from"] = ["A date such as 2026-12-01 is required."];
            }
        }

        if (days is < 1 or > 62)
        {
            errors["days"] = ["Preview between 1 and 62 days."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var pattern = OffsetDateTimePattern.Rfc3339;
        return TypedResults.Ok(TherapistSchedule.Upcoming(therapist, start, days ?? 7)
            .Select(i => new WorkingIntervalDto(pattern.Format(i.Start.ToOffsetDateTime()), pattern.Format(i.End.ToOffsetDateTime()), therapist.TimeZoneId))
            .ToArray());
    }

    public static async Task<Results<Created<ExceptionDto>, ProblemHttpResult>> AddException(
        ExceptionInput input, ClaimsPrincipal user, TherapistProfiles profiles, TherapistSchedule schedule, CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(user), cancellationToken);
        if (therapist is null)
        {
            return TherapistsApi.NoProfile();
        }

        var (exception, errors) = await schedule.AddExceptionAsync(therapist, input, cancellationToken);
        return exception is null
            ? ApiProblems.Invalid(errors)
            : TypedResults.Created($"/api/therapists/me/exceptions/{exception.Id}", HoursDto.From(therapist).Exceptions.Single(x => x.Id == exception.Id));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveException(
        long id, ClaimsPrincipal user, TherapistProfiles profiles, TherapistSchedule schedule, CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(user), cancellationToken);
        if (therapist is null)
        {
            return TherapistsApi.NoProfile();
        }

        return await schedule.RemoveExceptionAsync(therapist, id, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("Unknown exception", $"You have no schedule change {id}.");
    }
}
