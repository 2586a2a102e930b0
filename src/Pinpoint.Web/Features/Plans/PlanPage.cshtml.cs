using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Plans;

/// <summary>A plan's progress for the client and the therapist; the therapist records the re-assessment here.</summary>
[Authorize]
public sealed class PlanPageModel(TreatmentPlans plans) : PageModel
{
    public PlanDto? Plan { get; private set; }

    [BindProperty]
    public string? Reassessment { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public bool IsTherapist { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await plans.GetAsync(id, User, cancellationToken);
        if (result.Outcome != PlanOutcome.Done)
        {
            return NotFound();
        }

        Plan = result.Plan;
        IsTherapist = await plans.IsTherapistOfAsync(id, User, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await plans.ReassessAsync(id, User, Reassessment, cancellationToken);
        if (result.Outcome == PlanOutcome.Done)
        {
            return RedirectToPage(new { id });
        }

        if (result.Outcome is PlanOutcome.NotFound or PlanOutcome.Forbidden)
        {
            return NotFound();
        }

        Errors = result.Errors ?? new Dictionary<string, string[]>();
        Plan = result.Plan;
        IsTherapist = true;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
