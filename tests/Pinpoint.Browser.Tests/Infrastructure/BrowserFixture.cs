using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests.Infrastructure;

/// <summary>
/// The app on a real Kestrel port (SQLite, demo data) and Debian's Chromium driven by Playwright. Playwright's
/// own browser download does not work here, so the browser is the one on PATH (or PINPOINT_CHROMIUM).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private PinpointApp? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The app behind the browser, for arranging data a page only shows (e.g. visits in the past).</summary>
    public PinpointApp App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = new PinpointApp(_database, seedDemo: true);
        _app.UseKestrel(0);
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = FindChromium(),
            Headless = true,
            // As root in a container Chromium needs --no-sandbox; the rest stop it calling home on a closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <param name="touch">A phone: touch events and a mobile viewport.</param>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool touch = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = touch,
            IsMobile = touch,
        });
        return await context.NewPageAsync();
    }

    public static string FindChromium()
    {
        if (Environment.GetEnvironmentVariable("PINPOINT_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "chromium");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "Chromium was not found on PATH. Install Debian's package (apt-get install chromium) or run ./test.sh as root.");
    }

    /// <summary>axe-core from node_modules (installed by this project's build from package-lock.json).</summary>
    public static string AxeScriptPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pinpoint.slnx")))
            {
                var axe = Path.Combine(directory.FullName, "node_modules", "axe-core", "axe.min.js");
                return File.Exists(axe) ? axe : throw new FileNotFoundException("axe-core is missing: run npm ci in the repository root.", axe);
            }
        }

        throw new DirectoryNotFoundException("The repository root (Pinpoint.slnx) was not found above the test binaries.");
    }

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(AxeScriptPath()));

    /// <summary>Runs axe-core on the page and returns its serious and critical violations, one line each.</summary>
    public static async Task<IReadOnlyList<string>> SeriousAccessibilityViolationsAsync(IPage page)
    {
        // Evaluated over the DevTools protocol rather than added as a <script>: the app's Content-Security-Policy
        // (rightly) refuses inline script, and the audit must run under the policy users get.
        await page.EvaluateAsync(AxeSource.Value);
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }));
            }
            """);
        return [.. violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} at {v.GetProperty("nodes")}")];
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
