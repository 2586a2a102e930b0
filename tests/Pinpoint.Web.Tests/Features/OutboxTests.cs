using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>
/// Exactly-once email: rows are claimed with a lease and marked sent only after the send; a dispatcher that dies
/// mid-batch leaves its claims to run out, and the next one sends what is left, each message once, in whole files.
/// </summary>
public sealed class OutboxTests
{
    /// <summary>Wraps the app's own sender (the pickup folder) and can fail, or "die", on the message of its choosing.</summary>
    private sealed class ScriptedSender(IEmailSender inner, Func<OutgoingEmail, int, Task>? before = null, Func<OutgoingEmail, int, Task>? after = null) : IEmailSender
    {
        private int _calls;

        public ConcurrentQueue<string> Sent { get; } = new();

        public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            if (before is not null)
            {
                await before(email, call);
            }

            await inner.SendAsync(email, cancellationToken);
            Sent.Enqueue(email.MessageId);
            if (after is not null)
            {
                await after(email, call);
            }
        }
    }

    // The background dispatcher polls once at start-up and then hourly, so only the dispatchers a test runs send.
    // The tests drive every round themselves: the background service's first round at start-up could otherwise claim a
    // row a test has just queued (a race that showed on a loaded machine), so it is taken out, not just slowed down.
    private static void QuietOutbox(IWebHostBuilder builder) => builder
        .UseSetting("Email:DispatchIntervalSeconds", "3600")
        .ConfigureServices(services =>
        {
            foreach (var background in services.Where(d => d.ImplementationType == typeof(NotificationService)).ToList())
            {
                services.Remove(background);
            }
        });

    private static string Pickup(PinpointApp app) =>
        ((SmtpEmailSender)app.Services.GetRequiredService<IEmailSender>()).PickupPath;

    private static Task<long[]> EnqueueAsync(PinpointApp app, int count) => app.Scoped(async services =>
    {
        var db = services.GetRequiredService<PinpointDb>();
        var rows = Enumerable.Range(1, count).Select(i => new Notification
        {
            Kind = NotificationKind.PasswordChanged, Sequence = 0, To = $"person{i}@example.test", Subject = $"Message {i}",
            Body = $"Hello number {i}.\n", DueAt = app.Clock.GetCurrentInstant(),
        }).ToList();
        db.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToArray();
    });

    private static Task<int> DispatchAsync(PinpointApp app, IEmailSender? sender = null, CancellationToken cancellationToken = default) =>
        app.Scoped(services => (sender is null
            ? services.GetRequiredService<NotificationDispatcher>()
            : ActivatorUtilities.CreateInstance<NotificationDispatcher>(services, sender)).DispatchDueAsync(cancellationToken));

    private static Task<List<Notification>> RowsAsync(PinpointApp app) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Notification>().AsNoTracking().OrderBy(n => n.Id).ToListAsync());

    /// <summary>Every file in the pickup folder, each parsed whole: the Message-IDs in it. Fails on a temporary or unreadable file.</summary>
    private static List<string> MessageIdsInPickup(string folder)
    {
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
        Assert.All(files, f => Assert.EndsWith(".eml", f, StringComparison.Ordinal));
        return [.. files.Select(string (f) =>
        {
            using var message = MimeMessage.Load(f);
            Assert.EndsWith("\n", File.ReadAllText(f), StringComparison.Ordinal);
            Assert.Contains("Hello number", message.TextBody, StringComparison.Ordinal);
            return message.MessageId ?? "";
        })];
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Dispatchers_on_two_nodes_at_once_send_each_message_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new PinpointApp(database, seedDemo: false, QuietOutbox);
        await using var second = new PinpointApp(database, seedDemo: false, QuietOutbox);
        _ = first.Server;
        _ = second.Server;
        var ids = await EnqueueAsync(first, 60);
        var senders = new[] { first, second, first, second }.Select(app => (app, sender: new ScriptedSender(app.Services.GetRequiredService<IEmailSender>()))).ToList();

        var counts = await Task.WhenAll(senders.Select(s => Task.Run(() => DispatchAsync(s.app, s.sender))));
        counts = [.. counts, await DispatchAsync(first)]; // a batch is 50: whatever is left

        var sent = senders.SelectMany(s => s.sender.Sent).ToList();
        Assert.Equal(60, counts.Sum());
        Assert.Equal(counts[..4].Sum(), sent.Count);
        Assert.Equal(sent.Count, sent.Distinct(StringComparer.Ordinal).Count());
        Assert.All(await RowsAsync(first), n => Assert.NotNull(n.SentAt));
        Assert.Equal(ids.Select(id => NotificationDispatcher.MessageIdOf(id, "localhost")).Order(StringComparer.Ordinal),
            MessageIdsInPickup(Pickup(first)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_send_that_fails_leaves_the_row_unsent_and_it_goes_after_a_pause(DatabaseProvider provider)
    {
        await using var app = await PinpointApp.StartAsync(provider, configure: QuietOutbox);
        var id = Assert.Single(await EnqueueAsync(app, 1));
        var failing = new ScriptedSender(app.Services.GetRequiredService<IEmailSender>(), before: (_, _) => throw new IOException("The mail server hung up."));

        Assert.Equal(0, await DispatchAsync(app, failing));
        var failed = Assert.Single(await RowsAsync(app));
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("The mail server hung up.", failed.LastError);
        Assert.Equal(0, await DispatchAsync(app)); // not again at once: the pause after a first failure is a minute

        app.Clock.Advance(Duration.FromSeconds(61));
        Assert.Equal(1, await DispatchAsync(app));
        var sent = Assert.Single(await RowsAsync(app));
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.ClaimedUntil);
        Assert.Equal([NotificationDispatcher.MessageIdOf(id, "localhost")], MessageIdsInPickup(Pickup(app)));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_crash_between_sending_and_marking_sends_it_again_after_the_lease_with_the_same_message_id_into_the_same_file(DatabaseProvider provider)
    {
        await using var app = await PinpointApp.StartAsync(provider, configure: QuietOutbox);
        var id = Assert.Single(await EnqueueAsync(app, 1));
        using var process = new CancellationTokenSource();
        // The message is out; the process dies before it can say so.
        var dying = new ScriptedSender(app.Services.GetRequiredService<IEmailSender>(), after: async (_, _) =>
        {
            await process.CancelAsync();
            process.Token.ThrowIfCancellationRequested();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DispatchAsync(app, dying, process.Token));
        var claimed = Assert.Single(await RowsAsync(app));
        Assert.Null(claimed.SentAt);
        Assert.NotNull(claimed.ClaimedUntil);
        Assert.Equal(0, await DispatchAsync(app)); // the lease still holds

        app.Clock.Advance(Duration.FromMinutes(5) + Duration.FromSeconds(1));
        var again = new ScriptedSender(app.Services.GetRequiredService<IEmailSender>());
        Assert.Equal(1, await DispatchAsync(app, again));

        Assert.Equal(dying.Sent, again.Sent); // the same Message-ID, so the repeat is recognisable
        Assert.Equal([NotificationDispatcher.MessageIdOf(id, "localhost")], MessageIdsInPickup(Pickup(app)));
        Assert.NotNull(Assert.Single(await RowsAsync(app)).SentAt);
    }

    /// <summary>
    /// What a kill does, in process: after 20 messages the dispatcher's token is cancelled while the 21st is being
    /// written (the real pickup writer has opened its temporary file and stops there, as a killed process would), and
    /// nothing after that runs. A fresh dispatcher then sends the rest; after the lease, the torn one.
    /// </summary>
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Killed_mid_batch_a_fresh_dispatcher_after_the_lease_leaves_every_message_once_and_no_torn_file(DatabaseProvider provider)
    {
        await using var app = await PinpointApp.StartAsync(provider, configure: QuietOutbox);
        var ids = await EnqueueAsync(app, 50);
        var pickup = Pickup(app);
        using var process = new CancellationTokenSource();
        var killed = new ScriptedSender(app.Services.GetRequiredService<IEmailSender>(), before: (_, call) => call == 21 ? process.CancelAsync() : Task.CompletedTask);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DispatchAsync(app, killed, process.Token));
        Assert.Equal(20, killed.Sent.Count);
        Assert.Single(Directory.GetFiles(pickup, "*.tmp")); // the torn write, under its temporary name only
        Assert.Equal(20, Directory.GetFiles(pickup, "*.eml").Length);

        Assert.Equal(29, await DispatchAsync(app)); // the next node at once: all but the one still under its lease
        app.Clock.Advance(Duration.FromMinutes(5) + Duration.FromSeconds(1));
        Assert.Equal(1, await DispatchAsync(app));

        Assert.Equal(ids.Select(id => NotificationDispatcher.MessageIdOf(id, "localhost")).Order(StringComparer.Ordinal),
            MessageIdsInPickup(Pickup(app)).Order(StringComparer.Ordinal));
        Assert.All(await RowsAsync(app), n => Assert.NotNull(n.SentAt));
    }

    [Fact]
    public void A_message_has_its_headers_a_text_body_and_the_invitation_as_a_calendar_part()
    {
        const string ics = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n";
        var email = new OutgoingEmail("notification-7@book.pinpoint.example", "sam@example.test", "Cancelled: Myofascial with Ana", "Your visit is cancelled. Ça va.\n", ics, Cancel: true);

        using var built = EmailMessages.Build(email, "Pinpoint <bookings@pinpoint.test>", new DateTimeOffset(2026, 11, 23, 22, 0, 0, TimeSpan.Zero));
        using var stream = new MemoryStream();
        built.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, stream);
        stream.Position = 0;
        using var message = MimeMessage.Load(stream);

        Assert.Equal("notification-7@book.pinpoint.example", message.MessageId);
        Assert.Equal("bookings@pinpoint.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("sam@example.test", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("Cancelled: Myofascial with Ana", message.Subject);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 22, 0, 0, TimeSpan.Zero), message.Date);
        Assert.Equal("Your visit is cancelled. Ça va.\n", message.TextBody);
        var calendar = Assert.Single(message.BodyParts.OfType<TextPart>(), p => p.ContentType.IsMimeType("text", "calendar"));
        Assert.Equal("CANCEL", calendar.ContentType.Parameters["method"]);
        Assert.Equal("visit.ics", calendar.FileName);
        using var content = new MemoryStream();
        calendar.Content!.DecodeTo(content);
        Assert.Equal(ics, System.Text.Encoding.UTF8.GetString(content.ToArray())); // CRLF kept, as RFC 5545 asks
        Assert.Equal("notification-7@book.pinpoint.example.eml", EmailMessages.FileName("<" + message.MessageId + ">"));
    }
}
