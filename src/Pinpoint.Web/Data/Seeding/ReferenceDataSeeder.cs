using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Pinpoint.Web.Data.Seeding;

/// <summary>
/// Data every environment needs: the roles and the modality catalogue. Adds what is missing and never
/// overwrites what an operator has changed.
/// </summary>
public sealed class ReferenceDataSeeder(PinpointDb db, RoleManager<IdentityRole> roles)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                EnsureSucceeded(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }

        var existing = await db.Modalities.Select(m => m.Modality).ToListAsync(cancellationToken);
        var catalogue = CatalogueContent.Build();
        db.Modalities.AddRange(catalogue.Where(o => !existing.Contains(o.Modality)));
        // A price list added later (a new city's currency) reaches databases seeded before it; prices an operator
        // changed stay as they are.
        var priced = (await db.ModalityPrices.Select(p => new { p.Modality, p.DurationMinutes, p.Currency }).ToListAsync(cancellationToken))
            .Select(p => (p.Modality, p.DurationMinutes, p.Currency)).ToHashSet();
        db.ModalityPrices.AddRange(catalogue.Where(o => existing.Contains(o.Modality))
            .SelectMany(o => o.Prices).Where(p => !priced.Contains((p.Modality, p.DurationMinutes, p.Currency))));
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void EnsureSucceeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
