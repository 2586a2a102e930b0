using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Therapists;

public sealed class HoursRow
{
    public IsoDayOfWeek Day { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }
}

public sealed class HoursForm
{
    /// <summary>Two rows per weekday; an empty row is no range.</summary>
    public List<HoursRow> Rows { get; set; } = [];

    public int MaxSessionsPerDay { get; set; } = 5;

    public int MinBreakMinutes { get; set; } = 15;
}

public sealed class ExceptionForm
{
    public string? FirstDay { get; set; }

    public string? LastDay { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }

    public string? Note { get; set; }
}

[Authorize(Policy = AuthorizationPolicies.Therapist)]
public sealed class HoursEditorModel(TherapistProfiles profiles, TherapistSchedule schedule, CredentialVetting vetting) : PageModel
{
    public const int RowsPerDay = 2;

    [BindProperty]
    public HoursForm Form { get; set; } = new();

    [BindProperty]
    public ExceptionForm Exception { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public Therapist Therapist { get; private set; } = null!;

    public IReadOnlyList<ZonedInterval> Preview { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Form = FromTherapist(Therapist);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var used = Form.Rows.Select((row, index) => (row, index))
            .Where(r => !string.IsNullOrWhiteSpace(r.row.Start) || !string.IsNullOrWhiteSpace(r.row.End)).ToList();
        var input = new HoursInput
        {
            Weekly = [.. used.Select(r => (HoursRangeInput?)new HoursRangeInput(r.row.Day.ToString(), r.row.Start, r.row.End))],
            MaxSessionsPerDay = Form.MaxSessionsPerDay,
            MinBreakMinutes = Form.MinBreakMinutes,
        };
        var errors = await schedule.SetHoursAsync(Therapist, input, cancellationToken);
        if (errors.Count > 0)
        {
            // weekly[i] counts only the filled rows; point each message at the row on the form.
            var onForm = errors.ToDictionary(
                e => e.Key.StartsWith("weekly[", StringComparison.Ordinal)
                    ? $"rows[{used[int.Parse(e.Key[7..e.Key.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)].index}]{e.Key[(e.Key.IndexOf(']', StringComparison.Ordinal) + 1)..]}"
                    : e.Key,
                e => e.Value);
            ModelState.AddErrors(onForm, nameof(Form));
            return Page();
        }

        Saved = "Your working hours are saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddExceptionAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var input = new ExceptionInput
        {
            FirstDay = FormDates.Parse(Exception.FirstDay, "firstDay", errors),
            LastDay = FormDates.Parse(Exception.LastDay, "lastDay", errors),
            Start = Exception.Start, End = Exception.End, Note = Exception.Note,
        };
        if (errors.Count == 0)
        {
            (_, errors) = await schedule.AddExceptionAsync(Therapist, input, cancellationToken);
        }

        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, nameof(Exception));
            Form = FromTherapist(Therapist);
            return Page();
        }

        Saved = "The change to your schedule is saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveExceptionAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Saved = await schedule.RemoveExceptionAsync(Therapist, id, cancellationToken) ? "Removed." : null;
        return RedirectToPage();
    }

    private static HoursForm FromTherapist(Therapist therapist)
    {
        var form = new HoursForm { MaxSessionsPerDay = therapist.MaxSessionsPerDay, MinBreakMinutes = therapist.MinBreakMinutes };
        foreach (var day in Enumerable.Range(1, 7).Select(d => (IsoDayOfWeek)d))
        {
            var ranges = therapist.WorkingHours.Where(w => w.DayOfWeek == day).OrderBy(w => w.Start).ToList();
            for (var i = 0; i < Math.Max(RowsPerDay, ranges.Count); i++)
            {
                form.Rows.Add(i < ranges.Count
                    ? new HoursRow { Day = day, Start = TherapistSchedule.Format(ranges[i].Start), End = TherapistSchedule.Format(ranges[i].End) }
                    : new HoursRow { Day = day });
            }
        }

        return form;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(User), cancellationToken);
        if (therapist is null)
        {
            return false;
        }

        Therapist = therapist;
        Preview = TherapistSchedule.Upcoming(therapist, vetting.Today(therapist.TimeZoneId), 14);
        return true;
    }
}
