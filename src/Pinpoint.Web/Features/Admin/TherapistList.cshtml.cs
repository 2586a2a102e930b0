using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Features.Admin;

[Authorize(Policy = AuthorizationPolicies.Admin)]
public sealed class TherapistListModel(TherapistDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Modality { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<DirectoryEntry> Entries { get; private set; } = [];

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    /// <summary>Today in a therapist's zone: their credentials' standing is counted on it.</summary>
    public LocalDate TodayOf(Pinpoint.Web.Features.Therapists.Therapist therapist) => directory.Today(therapist.TimeZoneId);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Errors = TherapistsApi.Filters(string.IsNullOrEmpty(Modality) ? null : Modality, Area, directory, out var parsed);
        var status = string.IsNullOrEmpty(Status) ? null : Status;
        if (status is not null && !DirectoryStatuses.All.Contains(status))
        {
            Errors["status"] = [$"Unknown status '{status}'."];
        }

        if (Errors.Count == 0)
        {
            Entries = await directory.AdminAsync(new DirectoryFilter(parsed, Area, status, Q), cancellationToken);
        }
    }
}
