using Npgsql;
using NodaTime.Text;

using Pinpoint.Web.Features.Booking;

namespace Pinpoint.Web.Data;

/// <summary>
/// PostgreSQL only (beside the database's other plumbing, not in a feature: it serves whatever caches a change concerns): listens on one dedicated connection for what the database's triggers say has changed
/// (<see cref="Migrations.CacheSignals"/>) and drops it from <see cref="CalendarCache"/> and <see cref="VisitCache"/>,
/// whichever node made the change and however. A connection that breaks is opened again; what was said meanwhile is
/// unknown, so both caches start again from nothing. Their lifetimes (<see cref="BookingOptions.CalendarCacheSeconds"/>,
/// <see cref="BookingOptions.VisitCacheSeconds"/>) bound how stale they can get while no connection is to be had.
/// </summary>
public sealed partial class CacheSignalListener(string connectionString, CalendarCache calendars, VisitCache visits, ILogger<CacheSignalListener> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done once the first LISTEN has been answered: from then on every committed change reaches this node.</summary>
    public Task Listening => _listening.Task;

    /// <summary>Each notification's payload as it arrives (after the caches have dropped what it names).</summary>
    public event Action<string>? Received;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not pooled: a pooled connection is reset (UNLISTEN) when returned, and this one is never returned.
        var dedicated = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "pinpoint-cache-listener" }.ToString();
        var retry = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(dedicated);
                connection.Notification += (_, e) => Handle(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Data.Migrations.CacheSignals.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Changes made while nobody listened were never heard: forget everything.
                calendars.Invalidate();
                visits.ForgetAll();
                _listening.TrySetResult();
                retry = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    // A quiet connection is asked a question now and then, so one broken without a word is found.
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(15), stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure of the connection means: open another one.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogConnectionLost(logger, retry.TotalSeconds, exception);
                calendars.Invalidate();
                visits.ForgetAll();
                try
                {
                    await Task.Delay(retry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = TimeSpan.FromSeconds(Math.Min(30, retry.TotalSeconds * 2));
            }
        }
    }

    private void Handle(string payload)
    {
        if (payload.StartsWith("visits:", StringComparison.Ordinal) &&
            LocalDatePattern.Iso.Parse(payload["visits:".Length..]) is { Success: true } day)
        {
            visits.Forget(day.Value);
        }
        else
        {
            // A therapist's profile, or anything this version does not know: dropping the profiles is always safe.
            calendars.Invalidate();
        }

        Received?.Invoke(payload);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the cache signal connection to PostgreSQL; the search caches start again and it reconnects in {Seconds} s.")]
    private static partial void LogConnectionLost(ILogger logger, double seconds, Exception exception);
}
