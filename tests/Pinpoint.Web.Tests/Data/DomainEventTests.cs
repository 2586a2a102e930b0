using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Events;
using Pinpoint.Web.Kernel.Events;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Data;

/// <summary>
/// Domain events are handled once in their effects, however many dispatchers race for them, when a handler fails
/// and is tried again, and when a node died after a handler's commit but before the event was marked done.
/// </summary>
public sealed class DomainEventTests
{
    /// <summary>Fails its first <see cref="Failures"/> calls, then writes one audit row per event as its effect.</summary>
    private sealed class Flaky
    {
        private int _calls;

        public int Failures { get; init; }

        public bool ShouldFail() => Interlocked.Increment(ref _calls) <= Failures;
    }

    private sealed class RecordingHandler(PinpointDb db, Flaky flaky, IClock clock) : IDomainEventHandler<NoteSigned>
    {
        public Task HandleAsync(NoteSigned domainEvent, CancellationToken cancellationToken)
        {
            if (flaky.ShouldFail())
            {
                throw new InvalidOperationException("The test handler failed on purpose.");
            }

            db.AuditEntries.Add(new AuditEntry
            {
                ActorUserId = "events-test", Action = "handled", SubjectUserId = "events-test", Resource = $"event:{domainEvent.BookingId}", At = clock.GetCurrentInstant(),
            });
            return Task.CompletedTask;
        }
    }

    private static Task<PinpointApp> StartAsync(DatabaseProvider provider, Flaky flaky) =>
        PinpointApp.StartAsync(provider, configure: b => b.ConfigureServices(s => s.AddSingleton(flaky).AddEventHandler<NoteSigned, RecordingHandler>()));

    private static Task RaiseAsync(PinpointApp app, IEnumerable<Guid> ids) => app.Scoped(async s =>
    {
        var db = s.GetRequiredService<PinpointDb>();
        foreach (var id in ids)
        {
            db.Raise(new NoteSigned(id), app.Clock.GetCurrentInstant());
        }

        await db.SaveChangesAsync();
    });

    private static Task<List<string>> EffectsAsync(PinpointApp app) => app.Scoped(s =>
        s.GetRequiredService<PinpointDb>().AuditEntries.AsNoTracking().Where(a => a.ActorUserId == "events-test").Select(a => a.Resource).ToListAsync());

    private static Task<List<StoredEvent>> EventsAsync(PinpointApp app) => app.Scoped(s =>
        s.GetRequiredService<PinpointDb>().Events.AsNoTracking().Where(e => e.Type == nameof(NoteSigned)).ToListAsync());

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(25);
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Each_event_has_its_effect_once_when_several_dispatchers_race_for_it(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider, new Flaky());
        var ids = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        await RaiseAsync(app, ids);

        // The app's own pump runs too: five dispatchers in all.
        var dispatcher = app.Services.GetRequiredService<EventDispatcher>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => dispatcher.DispatchPendingAsync(CancellationToken.None))));
        await app.DrainEventsAsync();

        var effects = await EffectsAsync(app);
        Assert.Equal(ids.Select(id => $"event:{id}").Order(StringComparer.Ordinal), effects.Order(StringComparer.Ordinal));
        Assert.All(await EventsAsync(app), e => Assert.NotNull(e.DispatchedAt));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_failing_handler_is_tried_again_after_a_pause_and_then_has_its_effect_once(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider, new Flaky { Failures = 2 });
        var id = Guid.NewGuid();
        await RaiseAsync(app, [id]);
        var dispatcher = app.Services.GetRequiredService<EventDispatcher>();

        await dispatcher.DispatchPendingAsync(CancellationToken.None);
        await UntilAsync(async () => (await EventsAsync(app)).Single().Attempts == 1);
        var failed = (await EventsAsync(app)).Single();
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("failed on purpose", failed.LastError, StringComparison.Ordinal);
        Assert.Null(failed.DispatchedAt);
        Assert.Empty(await EffectsAsync(app));

        // Within the pause nothing runs it again, however often a dispatcher looks.
        await dispatcher.DispatchPendingAsync(CancellationToken.None);
        Assert.Equal(1, (await EventsAsync(app)).Single().Attempts);

        for (var i = 0; i < 4 && (await EventsAsync(app)).Single().DispatchedAt is null; i++)
        {
            app.Clock.Advance(Duration.FromMinutes(1));
            await dispatcher.DispatchPendingAsync(CancellationToken.None);
            await UntilAsync(async () => (await EventsAsync(app)).Single() is var e && (e.DispatchedAt is not null || e.LeaseUntil > app.Clock.GetCurrentInstant()));
        }

        var done = (await EventsAsync(app)).Single();
        Assert.NotNull(done.DispatchedAt);
        Assert.Equal(2, done.Attempts);
        Assert.Equal([$"event:{id}"], await EffectsAsync(app));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_event_delivered_again_after_a_crash_does_not_repeat_a_handler_that_had_committed(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider, new Flaky());
        var id = Guid.NewGuid();
        await RaiseAsync(app, [id]);
        await app.DrainEventsAsync();

        // As if the node died between the handler's commit and marking the event done: it is pending again.
        await app.Scoped(s => s.GetRequiredService<PinpointDb>().Events.Where(e => e.Type == nameof(NoteSigned))
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.DispatchedAt, (Instant?)null)));
        await app.DrainEventsAsync();

        Assert.Equal([$"event:{id}"], await EffectsAsync(app));
        Assert.NotNull((await EventsAsync(app)).Single().DispatchedAt);
    }
}
