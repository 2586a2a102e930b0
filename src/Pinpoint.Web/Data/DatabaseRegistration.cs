using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Pinpoint.Web.Data.Events;
using Pinpoint.Web.Data.Seeding;

namespace Pinpoint.Web.Data;

public static class DatabaseRegistration
{
    public const string ConnectionStringName = "Pinpoint";

    /// <summary>The data-protection application name every node uses: payloads protected by one are readable by all.</summary>
    public const string DataProtectionApplicationName = "Pinpoint";

    /// <summary>Registers <see cref="PinpointDb"/> on the configured provider.</summary>
    public static WebApplicationBuilder AddPinpointDatabase(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DatabaseOptions.Section);
        builder.Services.AddOptions<DatabaseOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();

        var options = section.Get<DatabaseOptions>() ?? new DatabaseOptions();
        var dataDirectory = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);
        var connectionString = ResolveConnectionString(builder.Configuration, dataDirectory, options);

        // Keys in the database: a cookie or antiforgery token issued by one node is read by every other, and survives
        // restarts. The application name is fixed, not the content root's path, so nodes installed apart still share.
        builder.Services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<PinpointDb>();

        builder.Services.AddSingleton<SqlitePragmaInterceptor>();
        builder.Services.AddSingleton<Features.Booking.CalendarCache>();
        builder.Services.AddSingleton<Features.Booking.VisitCache>();
        builder.Services.AddSingleton<Features.Booking.CalendarChangeInterceptor>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            // Other nodes' changes reach this node's search caches through the database's notifications.
            builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<CacheSignalListener>(services, connectionString));
            builder.Services.AddHostedService(services => services.GetRequiredService<CacheSignalListener>());
        }

        // Pooled: a context per request is reset and reused rather than built from scratch (booking throughput).
        builder.Services.AddDbContextPool<PinpointDb>((services, db) =>
        {
            switch (options.Provider)
            {
                case DatabaseProvider.Sqlite:
                    db.UseSqlite(connectionString).AddInterceptors(services.GetRequiredService<SqlitePragmaInterceptor>());
                    break;
                case DatabaseProvider.Postgres:
                    db.UseNpgsql(connectionString);
                    break;
                default:
                    throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                        [$"Database:Provider must be Sqlite or Postgres, not '{options.Provider}'."]);
            }

            db.AddInterceptors(services.GetRequiredService<Features.Booking.CalendarChangeInterceptor>(),
                services.GetRequiredService<Events.EventSaveSignal>(), services.GetRequiredService<Events.EventCommitSignal>());

            // The migrations are hand-written, so EF has no model snapshot to diff against; the schema test
            // (migrated schema = model schema) is the guard instead of this warning.
            db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });

        builder.Services.AddDomainEvents();
        builder.Services.AddScoped<ReferenceDataSeeder>();
        builder.Services.AddScoped<DemoDataSeeder>();
        return builder;
    }

    private static string ResolveConnectionString(
        IConfiguration configuration, string dataDirectory, DatabaseOptions options)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            return string.IsNullOrWhiteSpace(configured)
                ? throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                    ["Database:Provider is Postgres, so ConnectionStrings:Pinpoint must be set."])
                : configured;
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "pinpoint.db"),
            ForeignKeys = true,
            Pooling = true,
        }.ToString();
    }

    /// <summary>
    /// Migrates the database, seeds the catalogue (and demo data where configured) and makes sure the key ring has a key.
    /// Nodes starting together take turns (<see cref="StartupLock"/>): the first does the work, the others wait and
    /// then find it done, so there is one set of seed data and one first key that every node uses.
    /// </summary>
    public static async Task PreparePinpointDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = services.GetRequiredService<PinpointDb>();
        var stopping = app.Lifetime.ApplicationStopping;
        await StartupLock.RunExclusiveAsync(db, async () =>
        {
            if (options.MigrateOnStartup)
            {
                await db.Database.MigrateAsync(stopping);
            }

            await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync(stopping);
            await services.GetRequiredService<DemoDataSeeder>().SeedAsync(stopping);
            // Without a key, each node's first request would make its own: made here, under the lock, all share one.
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Pinpoint.Startup").Protect([0]);
        }, stopping);
    }
}
