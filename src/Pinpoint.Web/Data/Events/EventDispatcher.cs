using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Kernel.Events;

namespace Pinpoint.Web.Data.Events;

/// <summary>
/// Delivers stored domain events to their handlers. A node claims an event by stamping a lease on it in the
/// database, so two nodes never run the same event at once, and an event whose node died is taken over once the
/// lease has passed. Each handler's effects are saved with an <see cref="EventDelivery"/> row in one transaction:
/// a handler that has seen the event is never run for it again.
/// </summary>
public sealed partial class EventDispatcher(IServiceScopeFactory scopes, EventHandlers handlers, IClock clock, ILogger<EventDispatcher> logger)
{
    public static readonly Duration Lease = Duration.FromSeconds(30);
    public const int MaxAttempts = 10;
    private const int Batch = 20;

    private static readonly ConcurrentDictionary<Type, MethodInfo> HandleMethods = new();

    /// <summary>Runs every event that is due and not held by another node; returns how many were completed.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PinpointDb>();
            var now = clock.GetCurrentInstant();
            var pending = await db.Events.AsNoTracking()
                .Where(e => e.DispatchedAt == null && (e.LeaseUntil == null || e.LeaseUntil < now) && e.Attempts < MaxAttempts)
                .OrderBy(e => e.Id).Take(Batch).ToListAsync(cancellationToken);
            if (pending.Count == 0)
            {
                return done;
            }

            var progressed = false;
            foreach (var stored in pending)
            {
                var until = now + Lease;
                var claimed = await db.Events
                    .Where(e => e.Id == stored.Id && e.DispatchedAt == null && (e.LeaseUntil == null || e.LeaseUntil < now))
                    .ExecuteUpdateAsync(u => u.SetProperty(e => e.LeaseUntil, until), cancellationToken);
                if (claimed == 0)
                {
                    continue; // another node has it
                }

                progressed = true;
                try
                {
                    await DeliverAsync(stored, cancellationToken);
                    await db.Events.Where(e => e.Id == stored.Id)
                        .ExecuteUpdateAsync(u => u.SetProperty(e => e.DispatchedAt, clock.GetCurrentInstant()).SetProperty(e => e.LeaseUntil, (Instant?)null), cancellationToken);
                    done++;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Tried again after a growing pause; the lease is the pause.
                    var retryAt = clock.GetCurrentInstant() + Duration.FromSeconds(5 * Math.Pow(2, Math.Min(stored.Attempts, 8)));
                    var reason = exception.GetBaseException().Message;
                    LogHandlerFailed(logger, stored.Type, stored.Id, reason);
                    await db.Events.Where(e => e.Id == stored.Id)
                        .ExecuteUpdateAsync(u => u.SetProperty(e => e.Attempts, e => e.Attempts + 1).SetProperty(e => e.LeaseUntil, retryAt)
                            .SetProperty(e => e.LastError, reason.Length > 2000 ? reason[..2000] : reason), cancellationToken);
                }
            }

            if (!progressed)
            {
                return done;
            }
        }
    }

    private async Task DeliverAsync(StoredEvent stored, CancellationToken cancellationToken)
    {
        if (!DomainEventTypes.ByName.TryGetValue(stored.Type, out var type))
        {
            throw new InvalidOperationException($"Unknown event type '{stored.Type}'.");
        }

        var domainEvent = (IDomainEvent)(JsonSerializer.Deserialize(stored.Payload, type, PinpointDb.EventJson)
            ?? throw new InvalidOperationException($"Event {stored.Id} has an empty payload."));
        var handle = HandleMethods.GetOrAdd(type, t => typeof(IDomainEventHandler<>).MakeGenericType(t).GetMethod(nameof(IDomainEventHandler<IDomainEvent>.HandleAsync))!);
        foreach (var handlerType in handlers.For(type))
        {
            // A scope of its own per handler: one handler's half-done changes never ride along with another's.
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService(handlerType);
            var name = handlerType.FullName!;
            var db = scope.ServiceProvider.GetRequiredService<PinpointDb>();
            if (await db.EventDeliveries.AnyAsync(d => d.EventId == stored.Id && d.Handler == name, cancellationToken))
            {
                continue;
            }

            await (Task)handle.Invoke(handler, [domainEvent, cancellationToken])!;
            db.EventDeliveries.Add(new EventDelivery { EventId = stored.Id, Handler = name, DeliveredAt = clock.GetCurrentInstant() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
            {
                // Another node delivered it first (its lease ran out mid-way): the effect is already there once.
                LogDeliveredElsewhere(logger, stored.Type, stored.Id, name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling event {Type} {Id} failed; it will be tried again: {Reason}")]
    private static partial void LogHandlerFailed(ILogger logger, string type, long id, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {Type} {Id} was already handled by {Handler} on another node")]
    private static partial void LogDeliveredElsewhere(ILogger logger, string type, long id, string handler);
}
