using Microsoft.AspNetCore.Mvc.RazorPages;
using Pinpoint.Web.Features.Catalogue;

namespace Pinpoint.Web.Features.Home;

/// <summary>The front page: what trigger points and referred pain are, and the four therapies we offer.</summary>
public sealed class IndexModel(CatalogueQueries catalogue) : PageModel
{
    public IReadOnlyList<ModalityOffering> Offerings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Offerings = await catalogue.ListAsync(Zones.Home.Currency, cancellationToken);
}
