using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Microsoft.Extensions.Options;
using NodaTime.Text;

namespace Pinpoint.Web.Features.Planning;

/// <summary>"Plan the day": choose a date and an area, and the optimiser plans that day's window bookings in the background.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
public sealed class PlanDayModel(DayPlanner planner, PlanViews views, IClock clock, IOptions<PlanningOptions> options) : PageModel
{
    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? Area { get; set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public IReadOnlyList<DayPlan> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var area = Zones.Areas.Find(Area) ?? options.Value.Default;
        Area ??= area.Key;
        Date ??= LocalDatePattern.Iso.Format(clock.GetCurrentInstant().InZone(area.Zone).Date.PlusDays(1));
        Recent = await views.RecentAsync(10, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var date = SupportedTimes.ParseDate(Date ?? "") is { Success: true } parsed ? parsed.Value : (LocalDate?)null;
        var (plan, errors) = await planner.RequestAsync(date, Area, CurrentUser.Id(User), cancellationToken);
        if (plan is not null)
        {
            return Redirect($"/admin/plan/{plan.Id}");
        }

        Errors = errors;
        await OnGetAsync(cancellationToken);
        return Page();
    }
}
