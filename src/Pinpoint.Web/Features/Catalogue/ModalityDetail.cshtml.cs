using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Catalogue;

/// <summary>One therapy in full: description, who it suits, what happens, and its price list.</summary>
public sealed class ModalityDetailModel(CatalogueQueries catalogue) : PageModel
{
    public ModalityOffering Offering { get; private set; } = null!;

    /// <summary>The other three therapies, to move between them.</summary>
    public IReadOnlyList<ModalityOffering> Others { get; private set; } = [];

    public string Currency => PriceText.CurrencyOf(Offering.Prices);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var offering = await catalogue.FindAsync(slug, Zones.Home.Currency, cancellationToken);
        if (offering is null)
        {
            return NotFound();
        }

        Offering = offering;
        Others = [.. (await catalogue.ListAsync(Zones.Home.Currency, cancellationToken)).Where(o => o.Modality != offering.Modality)];
        return Page();
    }
}
