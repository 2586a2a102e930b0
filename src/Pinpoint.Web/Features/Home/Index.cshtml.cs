using Microsoft.AspNetCore.Mvc.RazorPages;
using Pinpoint.Web.Features.Catalogue;

namespace Pinpoint.Web.Features.Home;

/// <summary>The front page: what trigger points and referred pain are, and the four therapies we offer.</summary>
/// <remarks>Prices are in the signed-in client's currency (<see cref="ClientAreas"/>); a visitor sees the home area's.</remarks>
public sealed class IndexModel(CatalogueQueries catalogue, ClientAreas areas) : PageModel
{
    public IReadOnlyList<ModalityOffering> Offerings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Offerings = await catalogue.ListAsync((await areas.OfAsync(User, cancellationToken)).Currency, cancellationToken);
}
