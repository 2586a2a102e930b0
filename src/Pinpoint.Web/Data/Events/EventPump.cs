using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pinpoint.Web.Kernel.Events;

namespace Pinpoint.Web.Data.Events;

/// <summary>Configuration section <c>Events</c>.</summary>
public sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>How often each node looks for events raised on other nodes (its own are run at once after commit).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 300)]
    public int PollSeconds { get; set; } = 2;
}

/// <summary>Wakes this node's pump when this node has committed events.</summary>
public sealed class EventSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Poke() => _channel.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the poll interval passed: look anyway, for events other nodes raised
        }
    }
}

/// <summary>Pokes the pump after a save that stored events, and after every commit (the save may have run inside it).</summary>
public sealed class EventSaveSignal(EventSignal signal) : SaveChangesInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Check(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    private void Check(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null && context.ChangeTracker.Entries<StoredEvent>().Any())
        {
            signal.Poke();
        }
    }
}

/// <summary>See <see cref="EventSaveSignal"/>.</summary>
public sealed class EventCommitSignal(EventSignal signal) : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        signal.Poke();
        return base.TransactionCommittedAsync(transaction, eventData, cancellationToken);
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        signal.Poke();
        base.TransactionCommitted(transaction, eventData);
    }
}

/// <summary>Runs the dispatcher whenever this node commits events, and every few seconds for the others'.</summary>
public sealed partial class EventPump(EventDispatcher dispatcher, EventSignal signal, IOptions<EventOptions> options, ILogger<EventPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPumpFailed(logger, exception);
            }

            await signal.WaitAsync(poll, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The event pump failed; it will try again.")]
    private static partial void LogPumpFailed(ILogger logger, Exception exception);
}

/// <summary>Which handlers each event has, in the order the features registered them (filled while the services are built).</summary>
public sealed class EventHandlers
{
    private readonly Dictionary<Type, List<Type>> _byEvent = [];

    internal void Add(Type eventType, Type handlerType)
    {
        if (!_byEvent.TryGetValue(eventType, out var list))
        {
            _byEvent[eventType] = list = [];
        }

        if (!list.Contains(handlerType))
        {
            list.Add(handlerType);
        }
    }

    public IReadOnlyList<Type> For(Type eventType) => _byEvent.GetValueOrDefault(eventType) ?? [];
}

public static class EventRegistration
{
    public static IServiceCollection AddDomainEvents(this IServiceCollection services)
    {
        services.AddOptions<EventOptions>().BindConfiguration(EventOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        Registry(services);
        services.AddSingleton<EventSignal>();
        services.AddSingleton<EventSaveSignal>();
        services.AddSingleton<EventCommitSignal>();
        services.AddSingleton<EventDispatcher>();
        services.AddHostedService<EventPump>();
        return services;
    }

    /// <summary>Registers a feature's reaction to an event.</summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IDomainEvent where THandler : class, IDomainEventHandler<TEvent>
    {
        Registry(services).Add(typeof(TEvent), typeof(THandler));
        services.TryAddScoped<THandler>();
        return services;
    }

    private static EventHandlers Registry(IServiceCollection services)
    {
        if (services.Select(d => d.ImplementationInstance).OfType<EventHandlers>().FirstOrDefault() is { } registry)
        {
            return registry;
        }

        registry = new EventHandlers();
        services.AddSingleton(registry);
        return registry;
    }
}
