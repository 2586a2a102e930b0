using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>
/// The outbox's promise under a real kill: the built app runs as its own OS process, is killed with SIGKILL in the
/// middle of a round, and a second process finishes the work. In pickup mode every message ends up exactly once, in
/// whole files, with nothing temporary left; over SMTP every message arrives at least once, and the one the kill caught
/// between the server taking it and the app hearing so arrives twice with the same Message-ID (exactly-once cannot be
/// had over SMTP: see docs/architecture.md). No sleeps: each step waits for a condition.
/// </summary>
public sealed class OutboxKillTests
{
    private const int Messages = 30;

    /// <summary>The message the kill catches (0-based): those before it are done, it is in flight.</summary>
    private const int Caught = 12;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>
    /// On SQLite only: OutboxTests kills a dispatcher mid-round in process on both databases; what a real SIGKILL adds
    /// is a writer dying with the database file open, which is SQLite's case (PostgreSQL just loses a connection, as in
    /// the SMTP test below, which runs on both). Two app processes per case cost seconds.
    /// </summary>
    [Fact]
    public async Task Pickup_killed_mid_write_then_finished_by_another_process_leaves_each_message_once_in_a_whole_file()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = Start(database);
        var ids = await EnqueueAsync(app);
        var pickup = Directory.CreateDirectory(Path.Combine(database.DataDirectory, "pickup")).FullName;
        // The caught message's temporary file is a FIFO: opening it to write blocks until someone reads, so the first
        // process stops exactly there, mid-round, its claim taken and nothing written.
        var fifo = Path.Combine(pickup, EmailMessages.FileName(MessageIdOf(ids[Caught]))) + ".tmp";
        MakeFifo(fifo);
        var settings = Settings(database, ("Email:Mode", "Pickup"), ("Email:PickupDirectory", pickup));

        await using (var first = AppProcess.Start(settings))
        {
            await first.WaitUntilAsync(async () => Directory.GetFiles(pickup, "*.eml").Length == Caught && await ClaimedAsync(app, ids[Caught]),
                Patience, $"the first {Caught} messages written and the next one claimed");
            await first.KillAsync();
        }

        // What a kill during the write leaves: a torn copy under the temporary name.
        File.Delete(fifo);
        await File.WriteAllTextAsync(fifo, "Message-Id: <torn>\r\nSubject: Mess");
        await LeaseRunsOutAsync(app);
        await using (var second = AppProcess.Start(settings))
        {
            await second.WaitUntilAsync(() => AllSentAsync(app), Patience, "every message sent");
        }

        Assert.Empty(Directory.GetFiles(pickup, "*.tmp"));
        var files = Directory.GetFiles(pickup);
        Assert.Equal(Messages, files.Length);
        var found = files.Select(file =>
        {
            using var message = MimeMessage.Load(file);
            Assert.Contains("Hello number", message.TextBody, StringComparison.Ordinal);
            Assert.EndsWith("\r\n", File.ReadAllText(file), StringComparison.Ordinal);
            return message.MessageId;
        });
        Assert.Equal(ids.Select(MessageIdOf).Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Smtp_killed_before_the_server_answered_then_finished_by_another_process_delivers_each_message_with_one_repeat(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var app = Start(database);
        var ids = await EnqueueAsync(app);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestSmtpServer.StartAsync();
        // A slow server: it has the caught message whole but answers only when the test lets it, after the kill.
        server.BeforeStoring = async message =>
        {
            if (message.MessageId == MessageIdOf(ids[Caught]) && held.TrySetResult())
            {
                await release.Task;
            }

            return null;
        };
        var settings = Settings(database, ("Email:Mode", "Smtp"), ("Email:SmtpHost", "127.0.0.1"),
            ("Email:SmtpPort", server.Port.ToString(CultureInfo.InvariantCulture)), ("Email:SmtpTls", "None"));

        await using (var first = AppProcess.Start(settings))
        {
            await first.WaitUntilAsync(() => Task.FromResult(held.Task.IsCompleted), Patience, "the server holding the caught message");
            await first.KillAsync();
        }

        release.SetResult(); // the server keeps what it took; the app never heard
        await LeaseRunsOutAsync(app);
        await using (var second = AppProcess.Start(settings))
        {
            await second.WaitUntilAsync(() => AllSentAsync(app), Patience, "every message sent");
        }

        var copies = server.Received.GroupBy(r => r.MessageId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.Equal(ids.Select(MessageIdOf).Order(StringComparer.Ordinal), copies.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, copies[MessageIdOf(ids[Caught])]);
        Assert.All(copies.Where(c => c.Key != MessageIdOf(ids[Caught])), c => Assert.Equal(1, c.Value));
        Assert.Equal(2, server.Connections); // one round, one connection, per process
    }

    private static string MessageIdOf(long id) => NotificationDispatcher.MessageIdOf(id, "localhost");

    /// <summary>
    /// Migrates the test database in this process, for arranging and reading rows (and drops it when disposed); its
    /// own dispatcher stays quiet.
    /// </summary>
    private static PinpointApp Start(TestDatabase database)
    {
        var app = new PinpointApp(database, seedDemo: false, builder => builder.UseSetting("Email:DispatchIntervalSeconds", "3600"));
        _ = app.Server;
        return app;
    }

    private static Dictionary<string, string> Settings(TestDatabase database, params (string Key, string Value)[] email)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Pinpoint"] = database.ConnectionString,
            ["Database:DataDirectory"] = Path.Combine(database.DataDirectory, "node"),
            ["Demo:Seed"] = "false",
            ["Email:DispatchIntervalSeconds"] = "1",
        };
        foreach (var (key, value) in email)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Due long ago, by the processes' real clocks as much as by the test's fake one.</summary>
    private static Task<long[]> EnqueueAsync(PinpointApp app) => app.Scoped(async services =>
    {
        var db = services.GetRequiredService<PinpointDb>();
        var rows = Enumerable.Range(1, Messages).Select(i => new Notification
        {
            Kind = NotificationKind.PasswordChanged, Sequence = 0, To = $"person{i}@example.test", Subject = $"Message {i}",
            Body = $"Hello number {i}.\n", DueAt = Instant.FromUtc(2020, 1, 1, 0, 0),
        }).ToList();
        db.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToArray();
    });

    private static Task<bool> ClaimedAsync(PinpointApp app, long id) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Notification>().AnyAsync(n => n.Id == id && n.ClaimedBy != null && n.SentAt == null));

    private static Task<bool> AllSentAsync(PinpointApp app) =>
        app.Scoped(async s => !await s.GetRequiredService<PinpointDb>().Set<Notification>().AnyAsync(n => n.SentAt == null));

    /// <summary>
    /// The dead process's claim runs out: set to the past here rather than waited for (the lease is 30 seconds at
    /// least). Only claims held by a process (not a failed send's pause) are touched.
    /// </summary>
    private static Task LeaseRunsOutAsync(PinpointApp app) => app.Scoped(async s =>
    {
        var claimed = await s.GetRequiredService<PinpointDb>().Set<Notification>().Where(n => n.SentAt == null && n.ClaimedBy != null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ClaimedUntil, (Instant?)Instant.FromUtc(2020, 1, 1, 0, 0)));
        Assert.Equal(1, claimed); // the kill caught one message in flight, no more
    });

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
