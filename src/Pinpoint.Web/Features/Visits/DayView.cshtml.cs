using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Pinpoint.Core.Intake;


namespace Pinpoint.Web.Features.Visits;

/// <summary>
/// The therapist's day on one printable page: the visits in order with the drive before each, what to know about
/// each client, and a sketch of the route. Reading it is reading each client's health information, so it is audited.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Therapist)]
public sealed class DayViewModel(TherapistDay days) : PageModel
{
    public DayPlan Plan { get; private set; } = null!;

    public RouteSketch Sketch { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? date, CancellationToken cancellationToken)
    {
        LocalDate? day = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            var parsed = SupportedTimes.ParseDate(date.Trim());
            if (!parsed.Success)
            {
                return BadRequest();
            }

            day = parsed.Value;
        }

        var plan = await days.ForAsync(User, day, cancellationToken);
        if (plan is null)
        {
            return NotFound();
        }

        Plan = plan;
        Sketch = new RouteSketch(plan.Home, [.. plan.Visits.Select(v => v.Point)]);
        return Page();
    }

    public static string DayLink(LocalDate day) => $"/therapist/day?date={Iso(day)}";

    public static string Iso(LocalDate day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Minutes(int minutes) => minutes == 1 ? "1 minute" : $"{minutes.ToString(CultureInfo.InvariantCulture)} minutes";

    /// <summary>"Route: home, 1 Carlton, 2 Fitzroy, home; 34 minutes driving".</summary>
    public string RouteLabel =>
        $"Route: home, {string.Join(", ", Plan.Visits.Select((v, i) => $"{i + 1} {v.Place}"))}, home; {Minutes(Plan.TotalDriveMinutes)} driving";

    public static string LabelIn(IReadOnlyList<Choice> choices, string id) =>
        choices.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal))?.Label ?? id;
}
