using Microsoft.EntityFrameworkCore;
using Pinpoint.Core.Catalogue;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Catalogue;

/// <summary>Reads of the modality catalogue, shared by the pages and the API. Prices come shortest session first.</summary>
public sealed class CatalogueQueries(PinpointDb db)
{
    private IQueryable<ModalityOffering> Offerings =>
        db.Modalities.AsNoTracking().Include(m => m.Prices.OrderBy(p => p.DurationMinutes));

    public async Task<IReadOnlyList<ModalityOffering>> ListAsync(CancellationToken cancellationToken) =>
        await Offerings.OrderBy(m => m.SortOrder).ToListAsync(cancellationToken);

    public async Task<ModalityOffering?> FindAsync(string slug, CancellationToken cancellationToken) =>
        Modalities.TryParseSlug(slug, out var modality)
            ? await Offerings.SingleOrDefaultAsync(m => m.Modality == modality, cancellationToken)
            : null;
}
