using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Data;

/// <summary>
/// The hand-written migrations must build exactly the schema the model describes. EF cannot check this for us
/// (no design-time package, no model snapshot), so this test does: migrate one empty database, EnsureCreated
/// another, and compare what each database reports about itself.
/// </summary>
public sealed class MigrationSchemaTests
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Migrated_schema_equals_the_model_schema(DatabaseProvider provider)
    {
        await using var migratedDatabase = await TestDatabase.CreateAsync(provider);
        await using var createdDatabase = await TestDatabase.CreateAsync(provider);

        IReadOnlyList<string> migrated;
        await using (var db = Open(migratedDatabase))
        {
            await db.Database.MigrateAsync();
            migrated = await SchemaSnapshot.ReadAsync(db);
        }

        IReadOnlyList<string> created;
        await using (var db = Open(createdDatabase))
        {
            Assert.True(await db.Database.EnsureCreatedAsync());
            created = await SchemaSnapshot.ReadAsync(db);
        }

        Assert.NotEmpty(created);
        if (provider == DatabaseProvider.Postgres)
        {
            // The model cannot describe the no-overlap exclusion constraints (a therapist's visits, a client's confirmed
            // visits); the migrations add them (with the btree_gist extension they need). They must be there, and they
            // are the only difference allowed.
            var constraintOnly = migrated.Where(line => line.Contains("EX_Bookings_", StringComparison.Ordinal) || line == "extension btree_gist").ToList();
            Assert.Contains(constraintOnly, line => line.StartsWith("constraint Bookings.EX_Bookings_TherapistId_Occupied EXCLUDE USING gist", StringComparison.Ordinal));
            Assert.Contains(constraintOnly, line => line.StartsWith("constraint Bookings.EX_Bookings_ClientUserId_Occupied EXCLUDE USING gist", StringComparison.Ordinal) &&
                                                    line.Contains("'Confirmed'", StringComparison.Ordinal));
            Assert.Contains("extension btree_gist", constraintOnly);
            migrated = [.. migrated.Except(constraintOnly)];
        }

        var missing = created.Except(migrated).ToList();
        var extra = migrated.Except(created).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"The migrations differ from the model on {provider}.\n" +
            $"In the model but not migrated:\n  {string.Join("\n  ", missing)}\n" +
            $"Migrated but not in the model:\n  {string.Join("\n  ", extra)}");
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Every_migration_is_applied_and_none_is_pending(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = Open(database);
        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    internal static PinpointDb Open(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<PinpointDb>();
        _ = database.Provider == DatabaseProvider.Postgres
            ? options.UseNpgsql(database.ConnectionString)
            : options.UseSqlite(database.ConnectionString);
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return new PinpointDb(options.Options);
    }
}
