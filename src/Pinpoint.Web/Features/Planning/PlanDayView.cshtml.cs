using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Planning;

/// <summary>A plan: progress while it runs (the page refreshes itself), then the proposal to approve, then what approval did.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
public sealed class PlanDayViewModel(PlanViews views, PlanApproval approval) : PageModel
{
    public PlanView? View { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        View = await views.FindAsync(id, cancellationToken);
        return View is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken)
    {
        var (outcome, plan) = await approval.ApproveAsync(id, CurrentUser.Id(User), cancellationToken);
        if (outcome == ApprovalOutcome.NotFound)
        {
            return NotFound();
        }

        var failed = plan!.Visits.Count(v => v.Outcome == PlannedVisitOutcome.Failed);
        Message = outcome == ApprovalOutcome.NotProposed
            ? $"This plan is {plan.Status.ToString().ToLowerInvariant()} and cannot be approved. Plan the day again."
            : $"Approved: {plan.Visits.Count(v => v.Outcome == PlannedVisitOutcome.Confirmed)} bookings confirmed" + (failed > 0 ? $", {failed} could not be (see below)." : ".");
        return Redirect($"/admin/plan/{id}");
    }

    /// <summary>Where a time falls in a shift, as a percentage of the timeline's width.</summary>
    public static double Percent(PlanRouteView route, NodaTime.Instant at)
    {
        ArgumentNullException.ThrowIfNull(route);
        var shift = (route.ShiftEnd - route.ShiftStart).TotalMinutes;
        return shift <= 0 ? 0 : Math.Clamp((at - route.ShiftStart).TotalMinutes / shift * 100, 0, 100);
    }
}
