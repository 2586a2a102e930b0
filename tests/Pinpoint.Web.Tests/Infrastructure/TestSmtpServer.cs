using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Pinpoint.Web.Tests.Infrastructure;

/// <summary>A message as the test server stored it: on which connection, as whom, and the message parsed.</summary>
public sealed record ReceivedMail(Guid Session, string? User, string Recipient, MimeMessage Message)
{
    public string MessageId => Message.MessageId ?? "";
}

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package) on a loopback port: it stores what it is sent,
/// counts connections, can require a user, refuse recipients, and hold a message back (<see cref="BeforeStoring"/>).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private SmtpServer.SmtpServer? _server;
    private Task? _running;
    private int _connections;

    private TestSmtpServer(int port, string? user, string? password)
    {
        Port = port;
        User = user;
        Password = password;
    }

    public int Port { get; }

    public string? User { get; }

    public string? Password { get; }

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>Connections opened to the server so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Whether the server takes mail for an address (a refused one is answered 550 at RCPT TO).</summary>
    public Func<string, bool> AcceptsRecipient { get; set; } = _ => true;

    /// <summary>
    /// Runs with the whole message before it is stored and answered: may wait (a slow server) or answer instead of
    /// storing (return a response, e.g. 421).
    /// </summary>
    public Func<MimeMessage, Task<SmtpResponse?>>? BeforeStoring { get; set; }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Starts listening on <paramref name="port"/> (a free one when null), requiring the user when one is given.</summary>
    public static async Task<TestSmtpServer> StartAsync(int? port = null, string? user = null, string? password = null)
    {
        var server = new TestSmtpServer(port ?? FreePort(), user, password);
        await server.ListenAsync();
        return server;
    }

    private async Task ListenAsync()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("smtp.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false)
                .AllowUnsecureAuthentication(true).AuthenticationRequired(User is not null))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Recipients(this));
        services.Add(new DelegatingUserAuthenticator((user, password) => user == User && password == Password));
        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _connections);
        _running = _server.StartAsync(_stop.Token);
        // Listening once the port shows among the machine's listeners: a probe connection would count as a connection.
        for (var i = 0; i < 1000 && !IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Any(e => e.Port == Port); i++)
        {
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_server is not null)
        {
            _server.Shutdown();
            await Task.WhenAny(_server.ShutdownTask, Task.Delay(TimeSpan.FromSeconds(10)));
        }

        if (_running is not null)
        {
            await Task.WhenAny(_running, Task.Delay(TimeSpan.FromSeconds(10)));
        }

        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var message = await MimeMessage.LoadAsync(new MemoryStream(buffer.ToArray()), CancellationToken.None);
            if (owner.BeforeStoring is { } before && await before(message) is { } answer)
            {
                return answer;
            }

            foreach (var to in transaction.To)
            {
                owner.Received.Enqueue(new ReceivedMail(context.SessionId, context.Authentication.User, $"{to.User}@{to.Host}", message));
            }

            return SmtpResponse.Ok;
        }
    }

    private sealed class Recipients(TestSmtpServer owner) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(owner.AcceptsRecipient($"{to.User}@{to.Host}"));
    }
}
