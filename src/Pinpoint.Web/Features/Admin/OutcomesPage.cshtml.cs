using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pinpoint.Core.Outcomes;
using Pinpoint.Web.Features.Outcomes;

namespace Pinpoint.Web.Features.Admin;

/// <summary>Outcomes by modality, complaint and therapist (small groups left out), bookings and utilisation; CSV with the same rule.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
public sealed class OutcomesPageModel(OutcomeDashboard dashboard) : PageModel
{
    public Dashboard? View { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => View = await dashboard.BuildAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var view = await dashboard.BuildAsync(cancellationToken);
        var csv = OutcomeReport.ToCsv(view.Outcomes.SelectMany(o => o.Groups));
        return File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", "pinpoint-outcomes.csv");
    }

    public static string Name(string instrumentId) => OutcomeMeasures.Find(instrumentId)?.Name ?? instrumentId;
}
