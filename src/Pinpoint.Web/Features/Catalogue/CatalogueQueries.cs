using Microsoft.EntityFrameworkCore;
using Pinpoint.Core.Catalogue;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Catalogue;

/// <summary>Reads of the modality catalogue, shared by the pages and the API.</summary>
public sealed class CatalogueQueries(PinpointDb db)
{
    public async Task<IReadOnlyList<ModalityOffering>> ListAsync(CancellationToken cancellationToken)
    {
        var offerings = await db.Modalities.AsNoTracking().Include(m => m.Prices).ToListAsync(cancellationToken);
        foreach (var offering in offerings)
        {
            offering.Prices.Sort((a, b) => a.DurationMinutes.CompareTo(b.DurationMinutes));
        }

        return [.. offerings.OrderBy(m => m.SortOrder)];
    }

    public async Task<ModalityOffering?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Modalities.TryParseSlug(slug, out var modality))
        {
            return null;
        }

        var offering = await db.Modalities.AsNoTracking().Include(m => m.Prices)
            .SingleOrDefaultAsync(m => m.Modality == modality, cancellationToken);
        offering?.Prices.Sort((a, b) => a.DurationMinutes.CompareTo(b.DurationMinutes));
        return offering;
    }
}
