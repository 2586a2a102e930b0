using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pinpoint.Core.Catalogue;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>Approved therapists, for clients: by therapy and by who travels to their suburb.</summary>
public sealed class DirectoryModel(TherapistDirectory directory, Reviews.ReviewService reviews) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Modality { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    public IReadOnlyList<DirectoryEntry> Entries { get; private set; } = [];

    /// <summary>Each listed therapist's rating (absent: none yet), read in one query.</summary>
    public IReadOnlyDictionary<Guid, Reviews.RatingSummary> Ratings { get; private set; } = new Dictionary<Guid, Reviews.RatingSummary>();

    /// <summary>Booking with this therapist: the first step, with them and the therapy chosen (the one filtered by, else their first).</summary>
    public string BookUrl(DirectoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var modality = string.IsNullOrEmpty(Modality) ? entry.Bookable[0].Slug() : Modality;
        return $"/book?therapist={entry.Therapist.Id}&modality={Uri.EscapeDataString(modality)}";
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var modality = string.IsNullOrEmpty(Modality) ? null : Modality;
        var errors = TherapistsApi.Filters(modality, Area, directory, out var parsed);
        Errors = errors;
        if (errors.Count == 0)
        {
            Entries = await directory.PublicAsync(new DirectoryFilter(parsed, Area), cancellationToken);
            Ratings = await reviews.SummariesAsync([.. Entries.Select(e => e.Therapist.Id)], cancellationToken);
        }
    }
}
