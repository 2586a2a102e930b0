using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Catalogue;

/// <summary>One therapy in full: description, who it suits, what happens, and its price list.</summary>
/// <remarks>Prices are in the signed-in client's currency (<see cref="ClientAreas"/>); a visitor sees the home area's.</remarks>
public sealed class ModalityDetailModel(CatalogueQueries catalogue, ClientAreas areas) : PageModel
{
    public ModalityOffering Offering { get; private set; } = null!;

    /// <summary>The other three therapies, to move between them.</summary>
    public IReadOnlyList<ModalityOffering> Others { get; private set; } = [];

    public string Currency => PriceText.CurrencyOf(Offering.Prices);

    public string CurrencyName => PriceText.NameOf(Currency);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var currency = (await areas.OfAsync(User, cancellationToken)).Currency;
        var offering = await catalogue.FindAsync(slug, currency, cancellationToken);
        if (offering is null)
        {
            return NotFound();
        }

        Offering = offering;
        Others = [.. (await catalogue.ListAsync(currency, cancellationToken)).Where(o => o.Modality != offering.Modality)];
        return Page();
    }
}
