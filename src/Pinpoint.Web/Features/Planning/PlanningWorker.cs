using Microsoft.Extensions.Options;

namespace Pinpoint.Web.Features.Planning;

/// <summary>Wakes this node's worker when a plan is asked for here; plans asked for on other nodes are found by polling.</summary>
public sealed class PlanningSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: one wake-up finds every plan waiting.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Runs the optimiser off the request thread, one plan at a time per node (it is CPU-bound and the machine small). Every
/// node runs one; each plan is claimed in the database (<see cref="PlanLeases"/>), so it runs on one node, and a plan
/// whose node died is taken over once its lease runs out. Nothing is reset at start-up: a running plan belongs to
/// whoever holds its lease.
/// </summary>
public sealed partial class PlanningWorker(IServiceScopeFactory scopes, PlanningSignal signal, IOptions<PlanningOptions> options, ILogger<PlanningWorker> logger)
    : BackgroundService
{
    /// <summary>This worker's name in a lease: unique per process start, readable in the database.</summary>
    public string Owner { get; } = Name($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    private static string Name(string owner) => owner.Length <= 100 ? owner : owner[^100..];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            Guid? ran = null;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                ran = await scope.ServiceProvider.GetRequiredService<DayPlanner>().RunNextAsync(Owner, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await ReleaseAsync();
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPlanningFailed(logger, exception);
            }

            if (ran is null)
            {
                try
                {
                    await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // A clean shutdown hands its plan back at once; a node that dies leaves it to the lease running out.
    private async Task ReleaseAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PlanLeases>().ReleaseAsync(Owner, CancellationToken.None);
        }
#pragma warning disable CA1031 // Best effort while stopping: the lease runs out anyway.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand a running plan back while stopping; another node takes it when its lease runs out.")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The planning worker failed; it looks again shortly.")]
    private static partial void LogPlanningFailed(ILogger logger, Exception exception);
}
