using System.Collections.Concurrent;
using System.Diagnostics;

namespace Pinpoint.Web.Tests.Infrastructure;

/// <summary>
/// The built web app (<c>src/Pinpoint.Web/bin/{Configuration}/net10.0/Pinpoint.Web.dll</c>) as a separate OS process,
/// configured by environment variables, for what only another process shows: being killed with SIGKILL.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    /// <summary>The process's last lines of output, for a failure message.</summary>
    public string Output => string.Join('\n', _output.TakeLast(40));

    /// <summary>Starts the app with <paramref name="settings"/> (ASP.NET Core names, <c>Email:Mode</c>) on a free loopback port.</summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var app = WebAppPath();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {app}.");
        var started = new AppProcess(process);
        process.OutputDataReceived += (_, line) => started.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => started.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>SIGKILL: no shutdown, no finally blocks, no flush; then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <paramref name="timeout"/> with the process's output.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}. The app's output:\n{Output}");
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited ({_process.ExitCode}) before {what}. Its output:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>The web app built beside these tests, in the same configuration.</summary>
    public static string WebAppPath()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name; // bin/{Configuration}/net10.0
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Pinpoint.slnx")))
        {
            root = root.Parent;
        }

        var app = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Pinpoint.slnx was not found above the test folder."),
            "src", "Pinpoint.Web", "bin", configuration, here.Name, "Pinpoint.Web.dll");
        return File.Exists(app) ? app : throw new FileNotFoundException($"Build the web app first ({configuration}).", app);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }
}
