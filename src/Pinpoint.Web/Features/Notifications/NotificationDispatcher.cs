using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Notifications;

/// <summary>
/// Sends due outbox messages, each exactly once in effect, however many app nodes share the database. A row is
/// claimed by one conditional UPDATE (free, or its lease run out; not yet sent), so two dispatchers never hold it at
/// once; it is marked sent only after the send succeeded. A node that dies holding a claim leaves the row unsent, and
/// another takes it over when the lease ends; the message goes again with the same Message-ID (a pickup file replaces
/// itself), so a crash between sending and marking is recognisable rather than a second, different email. A failed
/// send is tried again after a growing pause, up to <see cref="MaxAttempts"/> times. Messages that state a visit's
/// time for a booking that has since moved on are skipped, not sent. Account emails carry no booking and go as written.
/// A round of up to <see cref="BatchSize"/> messages goes through one <see cref="IEmailBatch"/> (over SMTP, one
/// connection); a refused message fails alone, an unreachable server ends the round.
/// </summary>
public sealed partial class NotificationDispatcher(
    PinpointDb db, IEmailSender sender, IClock clock, PublicLinks links, IOptions<EmailOptions> options,
    ILogger<NotificationDispatcher> logger, Telemetry.PinpointMetrics metrics)
{
    public const int MaxAttempts = 5;

    public const int BatchSize = 50;

    private static readonly HashSet<NotificationKind> StatesTheTime =
        [NotificationKind.Confirmation, NotificationKind.Reminder, NotificationKind.Change, NotificationKind.Assignment, NotificationKind.TherapistMoved];

    private static readonly HashSet<NotificationKind> LiveKinds = [NotificationKind.OnTheWay, NotificationKind.RunningLate];

    /// <summary>Who claims: this node and process, and this dispatcher (one per scope).</summary>
    private readonly string _claimant = Claimant($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    /// <summary>The Message-ID of an outbox row: the same on every attempt, under the site's own host name.</summary>
    public static string MessageIdOf(long notificationId, string host) => $"notification-{notificationId}@{host}";

    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var due = await Due(now).OrderBy(n => n.Id).Take(BatchSize).AsNoTracking().ToListAsync(cancellationToken);
        // Read once per poll (on the (SentAt, DueAt, ClaimedUntil) index), so a scrape of the gauge never queries the database.
        var oldest = await db.Set<Notification>().Where(n => n.SentAt == null && n.DueAt <= now && n.Attempts < MaxAttempts)
            .OrderBy(n => n.DueAt).Select(n => (Instant?)n.DueAt).FirstOrDefaultAsync(cancellationToken);
        metrics.OutboxPolled((now - (oldest ?? now)).ToTimeSpan());
        var host = new Uri(links.To("/")).Host;
        var sent = 0;
        // One connection for the round (over SMTP), opened at the first message that goes and closed at the end.
        await using var batch = sender.StartBatch();
        foreach (var notification in due)
        {
            if (!await ClaimAsync(notification.Id, cancellationToken))
            {
                continue; // another dispatcher has it
            }

            // A message that states the visit's time describes its booking at one SEQUENCE: once the booking has moved
            // past it, the later change's own messages describe it, and this one would mislead.
            if (StatesTheTime.Contains(notification.Kind) && notification.BookingId is { } bookingId &&
                !await db.Bookings.AnyAsync(b => b.Id == bookingId && b.Sequence == notification.Sequence &&
                    (notification.Kind != NotificationKind.Reminder || b.Status == BookingStatus.Confirmed), cancellationToken))
            {
                await MarkDoneAsync(notification.Id, cancellationToken);
                continue;
            }

            // "On the way" and "running late" are about the drive: once the therapist has arrived, or the visit is closed, they are news no more.
            if (LiveKinds.Contains(notification.Kind) && notification.BookingId is { } liveId &&
                !await db.Bookings.AnyAsync(b => b.Id == liveId && b.Status == BookingStatus.Confirmed &&
                    (b.Stage == Pinpoint.Core.Visits.VisitStage.Booked || b.Stage == Pinpoint.Core.Visits.VisitStage.OnTheWay), cancellationToken)) // stored as text: no "<" in SQL
            {
                await MarkDoneAsync(notification.Id, cancellationToken);
                continue;
            }

            try
            {
                await batch.SendAsync(new OutgoingEmail(MessageIdOf(notification.Id, host), notification.To, notification.Subject, notification.Body,
                    notification.Ics, notification.Kind is NotificationKind.Cancellation or NotificationKind.TherapistCancel), cancellationToken);
            }
            catch (MailServerUnavailableException exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The server, not the message: this one waits its pause, the rest of the round is not even claimed and
                // goes at the next poll, so an outage costs one attempt per poll, not one per message.
                LogServerUnavailable(logger, notification.Id, exception.Message);
                await ReleaseAfterFailureAsync(notification, exception.Message, cancellationToken);
                break;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, notification.Id, exception.Message);
                await ReleaseAfterFailureAsync(notification, exception.Message, cancellationToken);
                continue;
            }

            // Sent: record it even if the host is stopping now, or the message would go again after the lease.
            await MarkDoneAsync(notification.Id, CancellationToken.None);
            LogSent(logger, notification.Id, notification.Kind);
            sent++;
        }

        return sent;
    }

    /// <summary>Rows due now, not sent, not given up on, and free (never claimed, or the claim or pause ran out).</summary>
    private IQueryable<Notification> Due(Instant now) =>
        db.Set<Notification>().Where(n => n.SentAt == null && n.DueAt <= now && n.Attempts < MaxAttempts && (n.ClaimedUntil == null || n.ClaimedUntil < now));

    /// <summary>Takes the row for one lease if it is still free: one UPDATE, atomic on SQLite and PostgreSQL alike.</summary>
    private async Task<bool> ClaimAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var until = now + Duration.FromSeconds(options.Value.LeaseSeconds);
        return await db.Set<Notification>()
            .Where(n => n.Id == id && n.SentAt == null && n.Attempts < MaxAttempts && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ClaimedUntil, until).SetProperty(n => n.ClaimedBy, _claimant), cancellationToken) == 1;
    }

    private Task MarkDoneAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return db.Set<Notification>().Where(n => n.Id == id && n.SentAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.SentAt, now).SetProperty(n => n.ClaimedUntil, (Instant?)null)
                .SetProperty(n => n.ClaimedBy, (string?)null), cancellationToken);
    }

    /// <summary>Counts the failure and frees the row after a pause that doubles with each attempt (1, 2, 4, 8 minutes).</summary>
    private Task ReleaseAfterFailureAsync(Notification notification, string reason, CancellationToken cancellationToken)
    {
        Instant? retryAt = clock.GetCurrentInstant() + Duration.FromMinutes(1 << Math.Min(notification.Attempts, 10));
        var error = reason.Length > 500 ? reason[..500] : reason;
        return db.Set<Notification>().Where(n => n.Id == notification.Id && n.SentAt == null && n.ClaimedBy == _claimant)
            .ExecuteUpdateAsync(u => u
                .SetProperty(n => n.ClaimedUntil, retryAt)
                .SetProperty(n => n.ClaimedBy, (string?)null)
                .SetProperty(n => n.Attempts, n => n.Attempts + 1)
                .SetProperty(n => n.LastError, error), cancellationToken);
    }

    private static string Claimant(string name) => name.Length <= 100 ? name : name[^100..];

    // One line per message handed to the mail server (never the address): with several nodes, what shows each went once.
    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Id} sent ({Kind})")]
    private static partial void LogSent(ILogger logger, long id, NotificationKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending notification {Id} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, long id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server could not be used for notification {Id}; the rest wait for the next round: {Reason}")]
    private static partial void LogServerUnavailable(ILogger logger, long id, string reason);
}

/// <summary>Runs the dispatcher every few seconds while the app is up.</summary>
public sealed partial class NotificationService(IServiceScopeFactory scopes, IOptions<EmailOptions> options, ILogger<NotificationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.DispatchIntervalSeconds)));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogDispatcherFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The notification dispatcher failed; it will try again.")]
    private static partial void LogDispatcherFailed(ILogger logger, Exception exception);
}
