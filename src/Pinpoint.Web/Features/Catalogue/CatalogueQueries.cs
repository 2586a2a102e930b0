using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Pinpoint.Core.Catalogue;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Catalogue;

/// <summary>Reads of the modality catalogue, shared by the pages and the API. Prices come shortest session first.</summary>
public sealed class CatalogueQueries(PinpointDb db, IMemoryCache cache)
{
    // Prices change only with a deployment's reference data: held for a few minutes, as every booking and quote needs one.
    private static readonly TimeSpan PriceLifetime = TimeSpan.FromMinutes(5);

    private IQueryable<ModalityOffering> Offerings =>
        db.Modalities.AsNoTracking().Include(m => m.Prices.OrderBy(p => p.DurationMinutes));

    public async Task<IReadOnlyList<ModalityOffering>> ListAsync(CancellationToken cancellationToken) =>
        await Offerings.OrderBy(m => m.SortOrder).ToListAsync(cancellationToken);

    public async Task<ModalityOffering?> FindAsync(string slug, CancellationToken cancellationToken) =>
        Modalities.TryParseSlug(slug, out var modality)
            ? await Offerings.SingleOrDefaultAsync(m => m.Modality == modality, cancellationToken)
            : null;

    /// <summary>The catalogue price of a session, or null when that length is not offered for the modality.</summary>
    public async Task<Money?> PriceAsync(Modality modality, int durationMinutes, CancellationToken cancellationToken)
    {
        var prices = await cache.GetOrCreateAsync((typeof(CatalogueQueries), modality), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = PriceLifetime;
            return (await db.ModalityPrices.AsNoTracking().Where(p => p.Modality == modality).ToListAsync(cancellationToken))
                .ToDictionary(p => p.DurationMinutes, p => p.Price);
        });
        return prices!.TryGetValue(durationMinutes, out var price) ? price : null;
    }
}
