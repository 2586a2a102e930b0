using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Pinpoint.Core.Clinical;

namespace Pinpoint.Web.Features.Clinical;

/// <summary>The client's exercises between sessions, ticked off day by day (the last week is shown for each).</summary>
[Authorize]
public sealed class HomeCarePageModel(HomeCareService homeCare) : PageModel
{
    public const int DaysShown = 7;

    public HomeCareView View { get; private set; } = new([], new AdherenceSummary(0, 0));

    /// <summary>The client's date, in their own area's zone.</summary>
    public LocalDate Today { get; private set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>The days of the last week a client may tick for this exercise, oldest first.</summary>
    public IReadOnlyList<LocalDate> TickableDays(PrescriptionView p) =>
        [.. Enumerable.Range(0, DaysShown).Select(i => Today.PlusDays(i - DaysShown + 1))
            .Where(d => Adherence.CanTick(new PrescribedCourse(p.Id, p.StartsOn, Period.Between(p.StartsOn, p.EndsOn, PeriodUnits.Days).Days + 1), d, Today))];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = await homeCare.TodayAsync(CurrentUser.Id(User), cancellationToken);
        View = await homeCare.ForClientAsync(CurrentUser.Id(User), cancellationToken);
    }

    /// <summary>Sets the shown days of one exercise to exactly the ones checked.</summary>
    public async Task<IActionResult> OnPostAsync(long prescription, string[]? done, CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(User);
        Today = await homeCare.TodayAsync(userId, cancellationToken);
        var view = await homeCare.ForClientAsync(userId, cancellationToken);
        var item = view.Prescriptions.SingleOrDefault(p => p.Id == prescription);
        if (item is null)
        {
            return NotFound();
        }

        var checkedDays = (done ?? []).Select(d => SupportedTimes.ParseDate(d)).Where(r => r.Success).Select(r => r.Value).ToHashSet();
        foreach (var day in TickableDays(item))
        {
            await homeCare.TickAsync(prescription, day, checkedDays.Contains(day), userId, cancellationToken);
        }

        Message = $"Saved: {item.Title}.";
        return RedirectToPage();
    }
}
