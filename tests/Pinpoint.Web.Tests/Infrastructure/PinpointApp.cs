using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Events;

namespace Pinpoint.Web.Tests.Infrastructure;

/// <summary>The whole app in memory on its own database, with a fake clock the test controls.</summary>
/// <param name="configure">More host settings for a fixture that needs them (captured logs, a caller's address).</param>
/// <param name="ownsDatabase">False for one of several nodes on one database: the cluster drops it, not each node.</param>
public sealed class PinpointApp(TestDatabase database, bool seedDemo, Action<IWebHostBuilder>? configure = null, bool ownsDatabase = true)
    : WebApplicationFactory<Program>
{
    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 11, 23, 22, 0));

    public DatabaseProvider Provider => database.Provider;

    public static async Task<PinpointApp> StartAsync(DatabaseProvider provider, bool seedDemo = false, Action<IWebHostBuilder>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var app = new PinpointApp(database, seedDemo, configure);
        _ = app.Server; // build the host now: migrations and seeding run here, not inside a test's timing
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As in Development: serve the build's static web assets (including their compressed variants) from
        // where the build put them; only a published app has them all under wwwroot.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", database.Provider.ToString());
        builder.UseSetting("Database:DataDirectory", database.DataDirectory);
        builder.UseSetting("ConnectionStrings:Pinpoint", database.ConnectionString);
        builder.UseSetting("Demo:Seed", seedDemo ? "true" : "false");
        builder.UseSetting("Planning:TimeLimitSeconds", "2");
        // Every test signs in from the same (absent) address; the tests of the limit itself set their own.
        builder.UseSetting("RateLimits:AccountPostsPerMinute", "100000");
        // The welfare scan runs when a test says, at the fake clock's time (WelfareScan.RunOnceAsync); a timer scanning at
        // random moments would raise alerts (and emails) in the middle of other tests' visits.
        builder.UseSetting("Welfare:ScanSeconds", "0");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IClock>(Clock)));
        configure?.Invoke(builder);
    }

    public async Task<T> Scoped<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    public async Task Scoped(Func<IServiceProvider, Task> use)
    {
        await using var scope = Services.CreateAsyncScope();
        await use(scope.ServiceProvider);
    }

    /// <summary>
    /// Waits until every domain event raised so far has been handled (by this call or by the app's own pump), so a
    /// test can look at what the handlers wrote. Fails with the handler's error if one keeps failing.
    /// </summary>
    public async Task DrainEventsAsync()
    {
        var dispatcher = Services.GetRequiredService<EventDispatcher>();
        for (var i = 0; i < 400; i++)
        {
            await dispatcher.DispatchPendingAsync(CancellationToken.None);
            var open = await Scoped(s => s.GetRequiredService<PinpointDb>().Events.AsNoTracking()
                .Where(e => e.DispatchedAt == null).Select(e => new { e.Type, e.LastError }).ToListAsync());
            if (open.Count == 0)
            {
                return;
            }

            if (open.FirstOrDefault(e => e.LastError is not null) is { } failed)
            {
                throw new InvalidOperationException($"Handling {failed.Type} failed: {failed.LastError}");
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("Domain events were still pending after 10 seconds.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            await database.DisposeAsync();
        }
    }
}

/// <summary>
/// One app per database provider for a test class, started on first use, so a theory over
/// <c>AllDatabases</c> shares the started host between its cases.
/// </summary>
public class AppsFixture : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, Task<PinpointApp>> _apps = [];
    private readonly Lock _gate = new();

    protected virtual bool SeedDemo => false;

    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    public Task<PinpointApp> For(DatabaseProvider provider)
    {
        lock (_gate)
        {
            if (!_apps.TryGetValue(provider, out var app))
            {
                app = PinpointApp.StartAsync(provider, SeedDemo, Configure);
                _apps[provider] = app;
            }

            return app;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            if (app.IsCompletedSuccessfully)
            {
                await app.Result.DisposeAsync();
            }
        }
    }
}

/// <summary>Apps with the demo data seeded (admin, client, therapists).</summary>
public sealed class DemoAppsFixture : AppsFixture
{
    protected override bool SeedDemo => true;
}
