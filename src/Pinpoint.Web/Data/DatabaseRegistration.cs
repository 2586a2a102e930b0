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

    /// <summary>Registers <see cref="PinpointDb"/> on the configured provider.</summary>
    public static WebApplicationBuilder AddPinpointDatabase(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DatabaseOptions.Section);
        builder.Services.AddOptions<DatabaseOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();

        var options = section.Get<DatabaseOptions>() ?? new DatabaseOptions();
        var dataDirectory = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);
        var connectionString = ResolveConnectionString(builder.Configuration, dataDirectory, options);

        // Keys in the data folder: sign-in cookies survive a restart.
        builder.Services.AddDataProtection()
            .SetApplicationName("Pinpoint")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

        builder.Services.AddSingleton<SqlitePragmaInterceptor>();
        builder.Services.AddSingleton<Features.Booking.CalendarCache>();
        builder.Services.AddSingleton<Features.Booking.VisitCache>();
        builder.Services.AddSingleton<Features.Booking.CalendarChangeInterceptor>();
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

    /// <summary>Migrates the database and seeds the catalogue (and demo data where configured).</summary>
    public static async Task PreparePinpointDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.MigrateOnStartup)
        {
            await services.GetRequiredService<PinpointDb>().Database.MigrateAsync(app.Lifetime.ApplicationStopping);
        }

        await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
        await services.GetRequiredService<DemoDataSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
    }
}
