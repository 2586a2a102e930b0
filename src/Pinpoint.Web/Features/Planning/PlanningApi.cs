using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using Microsoft.Extensions.Options;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Planning;

public sealed record PlanRequest(string? Date, string? Area);

public sealed record PlanStopDto(Guid BookingId, int Order, string Start, string End, double DriveMinutes, bool Fixed, string Outcome, string? Reason, string Client, string Address);

public sealed record PlanRouteDto(Guid TherapistId, string Therapist, string ShiftStart, string ShiftEnd, double TravelMinutes, double TreatingMinutes, double Utilisation, IReadOnlyList<PlanStopDto> Stops);

public sealed record UnassignedDto(Guid BookingId, string Client, string? WindowStart, string? WindowEnd, string Reason);

public sealed record PlanDto(
    Guid Id, string Date, string Area, string Status, double Progress, double TravelMinutes, double NaiveTravelMinutes, double SavedMinutes, int NaiveUnassigned,
    double Utilisation, int Planned, IReadOnlyList<PlanRouteDto> Routes, IReadOnlyList<UnassignedDto> Unassigned, string? Error)
{
    public static PlanDto From(PlanView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var zone = view.Area.Zone;
        string F(Instant i) => OffsetDateTimePattern.Rfc3339.Format(i.InZone(zone).ToOffsetDateTime());
        string? N(Instant? i) => i is { } x ? F(x) : null;
        var p = view.Plan;
        return new PlanDto(
            p.Id, LocalDatePattern.Iso.Format(p.Date), view.Area.Key, p.Status.ToString().ToLowerInvariant(), view.Progress, p.TravelMinutes, p.NaiveTravelMinutes,
            view.SavedMinutes, p.NaiveUnassigned, Math.Round(view.Utilisation, 3), view.Planned,
            [.. view.Routes.Select(r => new PlanRouteDto(r.TherapistId, r.Therapist, F(r.ShiftStart), F(r.ShiftEnd), r.TravelMinutes, r.TreatingMinutes, Math.Round(r.Utilisation, 3),
                [.. r.Stops.Select(s => new PlanStopDto(s.BookingId, s.Order, F(s.Start), F(s.End), s.DriveMinutes, s.Fixed, s.Outcome.ToString().ToLowerInvariant(), s.Reason, s.Client, s.Address))]))],
            [.. view.Unassigned.Select(u => new UnassignedDto(u.BookingId, u.Client, N(u.WindowStart), N(u.WindowEnd), u.Reason))], p.Error);
    }
}

/// <summary>Planning a day's flexible bookings (role Admin): ask for a plan, watch it, approve it.</summary>
public static class PlanningApi
{
    public static RouteGroupBuilder MapPlanningApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/admin/plans").WithTags("Admin: day plans").RequireAuthorization(AuthorizationPolicies.Admin);
        plans.MapPost("/", Request).WithName("RequestDayPlan")
            .WithSummary("Plans a day's window bookings in an area in the background (202); an unapproved plan for the same day and area is superseded.");
        plans.MapGet("/{id:guid}", Get).WithName("GetDayPlan").WithSummary("A plan: status and progress, then routes, unassigned visits and totals.");
        plans.MapPost("/{id:guid}/approve", Approve).WithName("ApproveDayPlan")
            .WithSummary("Confirms the plan's bookings (time and therapist); a booking that changed since planning fails and stays requested.");
        return api;
    }

    public static async Task<Results<Accepted<PlanDto>, ProblemHttpResult>> Request(
        PlanRequest request, ClaimsPrincipal user, DayPlanner planner, PlanViews views, IOptions<PlanningOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var date = request.Date is null ? null : SupportedTimes.ParseDate(request.Date) is { Success: true } parsed ? parsed.Value : (LocalDate?)null;
        var (plan, errors) = await planner.RequestAsync(date, request.Area ?? options.Value.Default.Key, CurrentUser.Id(user), cancellationToken);
        if (plan is null)
        {
            return ApiProblems.Invalid(errors);
        }

        return TypedResults.Accepted($"/api/admin/plans/{plan.Id}", PlanDto.From((await views.FindAsync(plan.Id, cancellationToken))!));
    }

    public static async Task<Results<Ok<PlanDto>, ProblemHttpResult>> Get(Guid id, PlanViews views, CancellationToken cancellationToken) =>
        await views.FindAsync(id, cancellationToken) is { } view
            ? TypedResults.Ok(PlanDto.From(view))
            : ApiProblems.NotFound("No such plan", $"There is no day plan {id}.");

    public static async Task<Results<Ok<PlanDto>, ProblemHttpResult>> Approve(
        Guid id, ClaimsPrincipal user, PlanApproval approval, PlanViews views, CancellationToken cancellationToken)
    {
        var (outcome, plan) = await approval.ApproveAsync(id, CurrentUser.Id(user), cancellationToken);
        return outcome switch
        {
            ApprovalOutcome.NotFound => ApiProblems.NotFound("No such plan", $"There is no day plan {id}."),
            ApprovalOutcome.NotProposed => ApiProblems.Conflict("This plan cannot be approved",
                $"The plan is {plan!.Status.ToString().ToLowerInvariant()}: only a proposed plan can be approved. Plan the day again for a new proposal."),
            _ => TypedResults.Ok(PlanDto.From((await views.FindAsync(id, cancellationToken))!)),
        };
    }
}
