using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pinpoint.Core.Catalogue;
using Pinpoint.Web.Features.Catalogue;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>A therapist as clients see them. Until a credential is approved only the therapist and admins can open it (as a preview).</summary>
public sealed class PublicProfileModel(TherapistDirectory directory, CatalogueQueries catalogue, Reviews.ReviewService reviews) : PageModel
{
    public Therapist Therapist { get; private set; } = null!;

    public IReadOnlyList<ModalityOffering> Verified { get; private set; } = [];

    public bool IsPreview { get; private set; }

    public Reviews.RatingSummary Rating { get; private set; } = new(null, 0);

    /// <summary>The first booking step with this therapist and their first verified therapy chosen.</summary>
    public string BookUrl => $"/book?therapist={Therapist.Id}{(Verified.Count > 0 ? $"&modality={Verified[0].Modality.Slug()}" : "")}";

    public IReadOnlyList<Reviews.PublicReview> LatestReviews { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var therapist = await directory.FindAsync(id, cancellationToken);
        if (therapist is null)
        {
            return NotFound();
        }

        var bookable = CredentialVetting.BookableModalities(therapist, directory.Today(therapist.TimeZoneId));
        var mayPreview = User.IsInRole(Roles.Admin) || therapist.UserId == User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (bookable.Count == 0 && !mayPreview)
        {
            return NotFound();
        }

        Therapist = therapist;
        IsPreview = bookable.Count == 0;
        Verified = [.. (await catalogue.ListAsync(Zones.AreaAt(therapist.HomeLatitude, therapist.HomeLongitude).Currency, cancellationToken)).Where(o => bookable.Contains(o.Modality))];
        Rating = await reviews.SummaryAsync(id, cancellationToken);
        LatestReviews = await reviews.LatestAsync(id, 5, cancellationToken);
        return Page();
    }
}
