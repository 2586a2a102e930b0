using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Planning;

/// <summary>Plans waiting for the worker, and how far the running ones have got (0–1), for the progress indicator.</summary>
public sealed class PlanningQueue
{
    private readonly Channel<Guid> _waiting = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, double> _progress = new();

    public ChannelReader<Guid> Reader => _waiting.Reader;

    public void Enqueue(Guid planId) => _waiting.Writer.TryWrite(planId);

    public void Report(Guid planId, double fraction) => _progress[planId] = Math.Clamp(fraction, 0, 1);

    public double ProgressOf(Guid planId) => _progress.GetValueOrDefault(planId);

    public void Forget(Guid planId) => _progress.TryRemove(planId, out _);
}

/// <summary>
/// Runs the optimiser off the request thread, one plan at a time (it is CPU-bound and the machine small). Plans left
/// queued or half-run by a restart are picked up again at start-up.
/// </summary>
public sealed partial class PlanningWorker(IServiceScopeFactory scopes, PlanningQueue queue, ILogger<PlanningWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ResumeAsync(stoppingToken);
            await foreach (var planId in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<DayPlanner>().RunAsync(planId, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogPlanFailed(logger, planId, exception);
                }
                finally
                {
                    queue.Forget(planId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PinpointDb>();
        await db.Set<DayPlan>().Where(p => p.Status == DayPlanStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, DayPlanStatus.Queued), cancellationToken);
        foreach (var id in await db.Set<DayPlan>().Where(p => p.Status == DayPlanStatus.Queued).OrderBy(p => p.RequestedAt).Select(p => p.Id).ToListAsync(cancellationToken))
        {
            queue.Enqueue(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Planning {PlanId} failed.")]
    private static partial void LogPlanFailed(ILogger logger, Guid planId, Exception exception);
}
