using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Outcomes;

/// <summary>The client's progress: pain before and after each session and every questionnaire over time, each as a chart with its table.</summary>
[Authorize]
public sealed class ProgressPageModel(OutcomeService outcomes) : PageModel
{
    public ProgressView View { get; private set; } = new([], null, [], []);

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        View = await outcomes.ProgressAsync(CurrentUser.Id(User), cancellationToken);
}
