using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;

namespace Pinpoint.Web.Features.Notifications;

/// <summary>
/// Sends with MailKit over SMTP, or writes RFC 5322 .eml files to a pickup folder. A pickup file is named after the
/// Message-ID and written to a temporary name in the same folder, flushed to disk, then renamed over any earlier copy:
/// a reader never sees half a message, and a message sent again after a crash replaces itself rather than doubling.
/// Over SMTP a batch shares one connection (<see cref="SmtpBatch"/>).
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, IHostEnvironment environment, IConfiguration configuration, IClock clock) : IEmailSender
{
    public string PickupPath
    {
        get
        {
            var dataDirectory = configuration["Database:DataDirectory"] ?? "data";
            var root = Path.IsPathRooted(dataDirectory) ? dataDirectory : Path.Combine(environment.ContentRootPath, dataDirectory);
            return Path.IsPathRooted(options.Value.PickupDirectory) ? options.Value.PickupDirectory : Path.Combine(root, options.Value.PickupDirectory);
        }
    }

    public IEmailBatch StartBatch() => options.Value.UsesSmtp ? new SmtpBatch(options.Value, clock) : new EachOnItsOwn(this);

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.UsesSmtp)
        {
            await using var batch = new SmtpBatch(settings, clock);
            await batch.SendAsync(email, cancellationToken);
            return;
        }

        using var message = EmailMessages.Build(email, settings.From, clock.GetCurrentInstant().ToDateTimeOffset());
        await WritePickupFileAsync(PickupPath, message, cancellationToken);
    }

    /// <summary>As on the wire (RFC 5322): lines end in CRLF whatever the platform.</summary>
    private static readonly FormatOptions WireFormat = new() { NewLineFormat = NewLineFormat.Dos };

    /// <summary>Writes <paramref name="message"/> as <c>{Message-ID}.eml</c> in <paramref name="folder"/>, whole or not at all.</summary>
    public static async Task<string> WritePickupFileAsync(string folder, MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, EmailMessages.FileName(message.MessageId ?? throw new ArgumentException("The message has no Message-ID.", nameof(message))));
        // One temporary name per message: a copy a crash left half-written is overwritten by the retry, then renamed away.
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await message.WriteToAsync(WireFormat, stream, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }
}

/// <summary>
/// One SMTP connection for a batch: opened (and authenticated, when a user is configured) at the first message, used
/// for every message after it, closed with QUIT when the batch is disposed. A connection that has carried messages and
/// then fails (the server closed an idle or used-up connection) is opened again once for the message at hand; a
/// connection that cannot be opened or used is <see cref="MailServerUnavailableException"/>. A refusal of one message
/// (its recipient, its sender, its content) is that message's failure alone, and the connection goes on.
/// </summary>
internal sealed class SmtpBatch(EmailOptions settings, IClock clock) : IEmailBatch
{
    /// <summary>How long one SMTP step may take before the server counts as gone (MailKit's default is two minutes).</summary>
    private const int TimeoutMilliseconds = 60_000;

    private SmtpClient? _client;

    /// <summary>Whether the open connection has delivered a message (a failure after that may be a stale connection).</summary>
    private bool _used;

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        using var message = EmailMessages.Build(email, settings.From, clock.GetCurrentInstant().ToDateTimeOffset());
        while (true)
        {
            var reopening = _used;
            try
            {
                var client = await ConnectedAsync(cancellationToken);
                await client.SendAsync(message, cancellationToken);
                _used = true;
                return;
            }
            catch (Exception exception) when (IsServerProblem(exception) && !cancellationToken.IsCancellationRequested)
            {
                await CloseAsync();
                if (!reopening)
                {
                    throw new MailServerUnavailableException(
                        $"The mail server {settings.SmtpHost}:{settings.SmtpPort} could not be used: {exception.Message}", exception);
                }

                // Once more on a new connection. If the server had taken the message before the old one broke, it
                // gets it twice, with the same Message-ID.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true } client)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, timeout.Token);
            }
            catch (Exception exception) when (IsServerProblem(exception) || exception is OperationCanceledException)
            {
                // Everything was sent and answered; a QUIT that goes unanswered changes nothing.
            }
        }

        _client?.Dispose();
        _client = null;
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } open)
        {
            return open;
        }

        _client?.Dispose();
        _client = new SmtpClient { Timeout = TimeoutMilliseconds };
        _used = false;
        await _client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, settings.SmtpTls, cancellationToken);
        if (settings.SmtpUser is not null)
        {
            await _client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
        }

        return _client;
    }

    private async Task CloseAsync()
    {
        await DisposeAsync();
        _used = false;
    }

    /// <summary>
    /// The connection, not the message: it could not be opened, secured or authenticated, it broke, it timed out, or
    /// the server said it is closing (421). A 4xx or 5xx answer to one message's sender, recipient or data is not.
    /// </summary>
    private static bool IsServerProblem(Exception exception) => exception switch
    {
        SmtpCommandException command => command.StatusCode == SmtpStatusCode.ServiceNotAvailable,
        SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException
            or SslHandshakeException or SocketException or IOException or TimeoutException => true,
        _ => false,
    };
}
