using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>Approved therapists, for clients: by therapy and by who travels to their suburb.</summary>
public sealed class DirectoryModel(TherapistDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Modality { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    public IReadOnlyList<DirectoryEntry> Entries { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var modality = string.IsNullOrEmpty(Modality) ? null : Modality;
        var errors = TherapistsApi.Filters(modality, Area, directory, out var parsed);
        Errors = errors;
        if (errors.Count == 0)
        {
            Entries = await directory.PublicAsync(new DirectoryFilter(parsed, Area), cancellationToken);
        }
    }
}
