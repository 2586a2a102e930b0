using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Tests.Infrastructure;

/// <summary>
/// Several app hosts on one PostgreSQL database, as nodes behind a balancer: each with its own data folder, memory and
/// clock, started at the same moment on a fresh database (so they race to migrate and seed).
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly List<string> _folders;

    private Cluster(TestDatabase database, IReadOnlyList<PinpointApp> nodes, List<string> folders)
    {
        _database = database;
        Nodes = nodes;
        _folders = folders;
    }

    public IReadOnlyList<PinpointApp> Nodes { get; }

    public string ConnectionString => _database.ConnectionString;

    public static async Task<Cluster> StartAsync(int count, bool seedDemo = true, Action<IWebHostBuilder>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var folders = Enumerable.Range(0, count).Select(_ => Directory.CreateTempSubdirectory("pinpoint-node-").FullName).ToList();
        var nodes = folders.Select(folder => new PinpointApp(database, seedDemo, builder =>
        {
            // Nothing shared on disk: whatever the nodes agree on must come through the database.
            builder.UseSetting("Database:DataDirectory", folder);
            configure?.Invoke(builder);
        }, ownsDatabase: false)).ToList();
        await Task.WhenAll(nodes.Select(node => Task.Run(() => node.Server)));
        return new Cluster(database, nodes, folders);
    }

    /// <summary>A client of one node that keeps its cookies in <paramref name="cookies"/>, so another node's client can send them on.</summary>
    public static HttpClient ClientOf(PinpointApp node, CookieContainer cookies) =>
        node.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        await _database.DisposeAsync();
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Litter in /tmp must not fail a test.
            }
        }
    }
}

/// <summary>Three nodes (or as many as a subclass asks for) for the tests that use it, started together.</summary>
public class ClusterFixture : IAsyncLifetime
{
    private Cluster? _cluster;

    public Cluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    protected virtual int Count => 3;

    protected virtual void Configure(IWebHostBuilder builder)
    {
        // Caches that would keep a stale entry through any test: only a signal from the database can make them let go.
        builder.UseSetting("Booking:CalendarCacheSeconds", "600");
        builder.UseSetting("Booking:VisitCacheSeconds", "600");
    }

    public async Task InitializeAsync() => _cluster = await Cluster.StartAsync(Count, configure: Configure);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>The test classes that share one <see cref="ClusterFixture"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
