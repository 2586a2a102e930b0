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
        var missing = CatalogueContent.Build().Where(o => !existing.Contains(o.Modality)).ToList();
        if (missing.Count > 0)
        {
            db.Modalities.AddRange(missing);
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
