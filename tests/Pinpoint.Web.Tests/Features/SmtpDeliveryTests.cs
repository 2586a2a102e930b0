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
/// The outbox over real SMTP (an SmtpServer in the test process): a round goes over one connection, authenticated;
/// each message arrives whole with its Message-ID and invitation; a refused recipient, a dropped connection and a
/// server that is down cost only what they must, and nothing is lost.
/// </summary>
public sealed class SmtpDeliveryTests
{
    private const string Ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Pinpoint//Test//EN\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n";

    private static Task<PinpointApp> StartAsync(DatabaseProvider provider, int port, string? user = null, string? password = null) =>
        PinpointApp.StartAsync(provider, configure: builder =>
        {
            builder.UseSetting("Email:Mode", "Smtp");
            builder.UseSetting("Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Email:SmtpPort", port.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Email:SmtpTls", "None");
            // Only the dispatchers a test runs send (the background one polls at start-up, then hourly).
            builder.UseSetting("Email:DispatchIntervalSeconds", "3600");
            if (user is not null)
            {
                builder.UseSetting("Email:SmtpUser", user);
                builder.UseSetting("Email:SmtpPassword", password);
            }
        });

    /// <summary>Queues messages to <c>person{i}@example.test</c> (or the address given): every third with an invitation, one of those a cancellation.</summary>
    private static Task<List<Notification>> EnqueueAsync(PinpointApp app, int count, Func<int, string>? to = null) => app.Scoped(async services =>
    {
        var db = services.GetRequiredService<PinpointDb>();
        var rows = Enumerable.Range(1, count).Select(i => new Notification
        {
            Kind = i % 3 == 0 ? (i == 3 ? NotificationKind.Cancellation : NotificationKind.Confirmation) : NotificationKind.PasswordChanged,
            Sequence = 0, To = to?.Invoke(i) ?? $"person{i}@example.test", Subject = $"Message {i}", Body = $"Hello number {i}.\n",
            Ics = i % 3 == 0 ? Ics : null, DueAt = app.Clock.GetCurrentInstant(),
        }).ToList();
        db.AddRange(rows);
        await db.SaveChangesAsync();
        return rows;
    });

    private static Task<int> DispatchAsync(PinpointApp app) =>
        app.Scoped(services => services.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None));

    private static Task<List<Notification>> RowsAsync(PinpointApp app) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Notification>().AsNoTracking().OrderBy(n => n.Id).ToListAsync());

    private static string MessageId(Notification row) => NotificationDispatcher.MessageIdOf(row.Id, "localhost");

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_round_goes_over_one_authenticated_connection_and_each_message_arrives_whole(DatabaseProvider provider)
    {
        await using var server = await TestSmtpServer.StartAsync(user: "pinpoint-mailer", password: "a long secret");
        await using var app = await StartAsync(provider, server.Port, server.User, server.Password);
        var rows = await EnqueueAsync(app, 6);

        Assert.Equal(6, await DispatchAsync(app));

        Assert.Equal(1, server.Connections);
        var received = server.Received.ToList();
        Assert.Single(received.Select(r => r.Session).Distinct());
        Assert.All(received, r => Assert.Equal("pinpoint-mailer", r.User));
        Assert.Equal(rows.Select(MessageId), received.Select(r => r.MessageId));
        foreach (var (row, mail) in rows.Zip(received))
        {
            var message = mail.Message;
            Assert.Equal(row.To, mail.Recipient);
            Assert.Equal("bookings@pinpoint.test", Assert.Single(message.From.Mailboxes).Address);
            Assert.Equal(row.To, Assert.Single(message.To.Mailboxes).Address);
            Assert.Equal(row.Subject, message.Subject);
            Assert.Equal(row.Body.TrimEnd('\n'), (message.TextBody ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));
            var calendar = message.BodyParts.OfType<MimePart>().SingleOrDefault(p => p.ContentType.IsMimeType("text", "calendar"));
            if (row.Ics is null)
            {
                Assert.Null(calendar);
                continue;
            }

            Assert.Equal("visit.ics", Assert.IsType<TextPart>(calendar).FileName);
            Assert.Equal(row.Kind == NotificationKind.Cancellation ? "CANCEL" : "REQUEST", calendar!.ContentType.Parameters["method"]);
            using var content = new MemoryStream();
            await calendar.Content!.DecodeToAsync(content);
            Assert.Equal(Ics, System.Text.Encoding.UTF8.GetString(content.ToArray()));
        }

        Assert.All(await RowsAsync(app), n => Assert.NotNull(n.SentAt));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_recipient_the_server_refuses_waits_for_a_retry_and_the_rest_of_the_round_goes(DatabaseProvider provider)
    {
        await using var server = await TestSmtpServer.StartAsync();
        server.AcceptsRecipient = address => !address.StartsWith("full", StringComparison.Ordinal);
        await using var app = await StartAsync(provider, server.Port);
        var rows = await EnqueueAsync(app, 5, i => i == 3 ? "full-mailbox@example.test" : $"person{i}@example.test");

        Assert.Equal(4, await DispatchAsync(app));

        Assert.Equal(1, server.Connections);
        Assert.Equal(rows.Where(r => r.Id != rows[2].Id).Select(MessageId), server.Received.Select(r => r.MessageId));
        var refused = (await RowsAsync(app)).Single(n => n.SentAt is null);
        Assert.Equal(rows[2].Id, refused.Id);
        Assert.Equal(1, refused.Attempts);
        Assert.False(string.IsNullOrEmpty(refused.LastError));
        Assert.Equal(app.Clock.GetCurrentInstant() + Duration.FromMinutes(1), refused.ClaimedUntil);

        // The mailbox has room again: after the pause the message goes, and nothing went twice.
        server.AcceptsRecipient = _ => true;
        app.Clock.Advance(Duration.FromSeconds(61));
        Assert.Equal(1, await DispatchAsync(app));
        Assert.Equal(rows.Select(MessageId).Order(StringComparer.Ordinal), server.Received.Select(r => r.MessageId).Order(StringComparer.Ordinal));
        Assert.All(await RowsAsync(app), n => Assert.NotNull(n.SentAt));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_server_that_is_down_leaves_every_message_for_later_and_loses_none(DatabaseProvider provider)
    {
        var port = TestSmtpServer.FreePort();
        await using var app = await StartAsync(provider, port);
        var rows = await EnqueueAsync(app, 4);

        Assert.Equal(0, await DispatchAsync(app));

        var after = await RowsAsync(app);
        Assert.All(after, n => Assert.Null(n.SentAt));
        // The first message found the server down and waits its pause; the others were not even tried.
        Assert.Equal(1, after[0].Attempts);
        Assert.Contains($"127.0.0.1:{port}", after[0].LastError, StringComparison.Ordinal);
        Assert.Equal(app.Clock.GetCurrentInstant() + Duration.FromMinutes(1), after[0].ClaimedUntil);
        Assert.All(after.Skip(1), n => Assert.Equal((0, (Instant?)null), (n.Attempts, n.ClaimedUntil)));

        await using var server = await TestSmtpServer.StartAsync(port);
        Assert.Equal(3, await DispatchAsync(app));
        app.Clock.Advance(Duration.FromSeconds(61));
        Assert.Equal(1, await DispatchAsync(app));

        Assert.Equal(2, server.Connections);
        Assert.Equal(rows.Select(MessageId).Order(StringComparer.Ordinal), server.Received.Select(r => r.MessageId).Order(StringComparer.Ordinal));
        Assert.All(await RowsAsync(app), n => Assert.NotNull(n.SentAt));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_connection_the_server_closes_between_messages_is_opened_again(DatabaseProvider provider)
    {
        await using var server = await TestSmtpServer.StartAsync();
        var closed = 0;
        // The second message is answered "421 closing" once, as a server does that limits messages per connection.
        server.BeforeStoring = message => Task.FromResult(message.Subject == "Message 2" && Interlocked.Exchange(ref closed, 1) == 0
            ? new SmtpServer.Protocol.SmtpResponse((SmtpServer.Protocol.SmtpReplyCode)421, "Too many messages, closing")
            : (SmtpServer.Protocol.SmtpResponse?)null);
        await using var app = await StartAsync(provider, server.Port);
        var rows = await EnqueueAsync(app, 3);

        Assert.Equal(3, await DispatchAsync(app));

        Assert.Equal(2, server.Connections);
        Assert.Equal(rows.Select(MessageId), server.Received.Select(r => r.MessageId));
        Assert.All(await RowsAsync(app), n => Assert.Equal(0, n.Attempts));
    }
}
