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

    // One price list per currency: an area's visits are quoted from the list in its currency.
    private IQueryable<ModalityOffering> Offerings(string currency) =>
        db.Modalities.AsNoTracking().Include(m => m.Prices.Where(p => p.Currency == currency).OrderBy(p => p.DurationMinutes));

    public async Task<IReadOnlyList<ModalityOffering>> ListAsync(string currency, CancellationToken cancellationToken) =>
        await Offerings(currency).OrderBy(m => m.SortOrder).ToListAsync(cancellationToken);

    public async Task<ModalityOffering?> FindAsync(string slug, string currency, CancellationToken cancellationToken) =>
        Modalities.TryParseSlug(slug, out var modality)
            ? await Offerings(currency).SingleOrDefaultAsync(m => m.Modality == modality, cancellationToken)
            : null;

    /// <summary>A modality's name as the catalogue gives it (no prices: the same in every area), or null for one not in it.</summary>
    public async Task<string?> NameAsync(Modality modality, CancellationToken cancellationToken) =>
        await db.Modalities.AsNoTracking().Where(m => m.Modality == modality).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The catalogue price of a session in a currency, or null when that length is not offered for the modality.</summary>
    public async Task<Money?> PriceAsync(Modality modality, int durationMinutes, string currency, CancellationToken cancellationToken)
    {
        var prices = await cache.GetOrCreateAsync((typeof(CatalogueQueries), modality, currency), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = PriceLifetime;
            return (await db.ModalityPrices.AsNoTracking().Where(p => p.Modality == modality && p.Currency == currency).ToListAsync(cancellationToken))
                .ToDictionary(p => p.DurationMinutes, p => p.Price);
        });
        return prices!.TryGetValue(durationMinutes, out var price) ? price : null;
    }
}
