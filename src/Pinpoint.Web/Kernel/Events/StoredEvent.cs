using NodaTime;

namespace Pinpoint.Web.Kernel.Events;

/// <summary>A raised domain event waiting for its handlers, or done (an outbox row for events).</summary>
public sealed class StoredEvent
{
    public long Id { get; init; }

    /// <summary>The event type's name in <see cref="DomainEventTypes"/>.</summary>
    public required string Type { get; init; }

    public required string Payload { get; init; }

    public required Instant OccurredAt { get; init; }

    /// <summary>Set once every handler has seen the event.</summary>
    public Instant? DispatchedAt { get; set; }

    /// <summary>A node that claimed the event holds it until then; after that another may take it over.</summary>
    public Instant? LeaseUntil { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>That one handler has dealt with one event: written in the same transaction as the handler's effects.</summary>
public sealed class EventDelivery
{
    public required long EventId { get; init; }

    public required string Handler { get; init; }

    public required Instant DeliveredAt { get; init; }
}
