namespace Pinpoint.Web.Kernel.Events;

/// <summary>
/// Something that happened in one feature that others may react to. The owner stores it with its own change, in
/// the same transaction (<c>PinpointDb.Raise</c>), so an event exists exactly when its change does; handlers run
/// after the commit, on whichever node claims it first.
/// </summary>
/// <remarks>Events carry ids and the booking's calendar SEQUENCE, never copies of personal or health data: a
/// handler reads the current state and skips an event the booking has since moved past.</remarks>
public interface IDomainEvent;

/// <summary>A visit was booked at a time with a therapist (by the client, or by approving a day plan).</summary>
public sealed record BookingConfirmed(Guid BookingId, int Sequence, bool ByDayPlan = false) : IDomainEvent;

/// <summary>A client asked for a visit in a window; no time or therapist yet.</summary>
public sealed record BookingRequested(Guid BookingId, int Sequence) : IDomainEvent;

/// <summary>A confirmed visit has a new time.</summary>
public sealed record BookingMoved(Guid BookingId, int Sequence) : IDomainEvent;

/// <summary>A visit or a request was cancelled, by the client, the therapist or the operator.</summary>
public sealed record BookingCancelled(Guid BookingId, int Sequence) : IDomainEvent;

/// <summary>The therapist closed a visit as completed.</summary>
public sealed record VisitCompleted(Guid BookingId, string ClientUserId) : IDomainEvent;

/// <summary>The therapist signed a session's note: the client's summary exists from now on.</summary>
public sealed record NoteSigned(Guid BookingId) : IDomainEvent;

/// <summary>The therapist set off for a visit (VisitDay): the client is told, with the arrival time and the live page.</summary>
public sealed record TherapistOnTheWay(Guid BookingId) : IDomainEvent;

/// <summary>
/// The therapist, running late, gave a new arrival time (VisitDay). A handler that finds the booking with another
/// arrival time by then skips it: the later change's own event tells the client.
/// </summary>
public sealed record VisitRunningLate(Guid BookingId, DateTimeOffset EtaAt) : IDomainEvent;

/// <summary>Reacts to one kind of event. Runs in its own scope; what it adds to the scope's <c>PinpointDb</c> is
/// saved by the dispatcher together with the record that this handler has seen this event, so the effect happens
/// once even when two nodes or a restart deliver the event again.</summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>The events there are, by the stable name they are stored under.</summary>
public static class DomainEventTypes
{
    public static IReadOnlyDictionary<string, Type> ByName { get; } = new[]
    {
        typeof(BookingConfirmed), typeof(BookingRequested), typeof(BookingMoved), typeof(BookingCancelled), typeof(VisitCompleted), typeof(NoteSigned),
        typeof(TherapistOnTheWay), typeof(VisitRunningLate),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);
}
