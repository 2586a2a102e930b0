using System.ComponentModel.DataAnnotations;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Pinpoint.Web.Features.Notifications;

/// <summary>Configuration section <c>Email</c>. By default messages are written as .eml files to a folder instead of sent.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    /// <summary><c>Pickup</c> (write .eml files to <see cref="PickupDirectory"/>) or <c>Smtp</c>.</summary>
    public string Mode { get; set; } = "Pickup";

    /// <summary>Relative to the data directory unless absolute.</summary>
    public string PickupDirectory { get; set; } = "mail";

    public string From { get; set; } = "Pinpoint <bookings@pinpoint.test>";

    public string SmtpHost { get; set; } = "";

    public int SmtpPort { get; set; } = 587;

    /// <summary>MailKit's <see cref="SecureSocketOptions"/>: <c>StartTls</c>, <c>SslOnConnect</c>, <c>StartTlsWhenAvailable</c>, <c>Auto</c> or <c>None</c>.</summary>
    public SecureSocketOptions SmtpTls { get; set; } = SecureSocketOptions.StartTls;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>How often the dispatcher looks for due messages.</summary>
    [Range(1, 3600)]
    public int DispatchIntervalSeconds { get; set; } = 30;

    /// <summary>How long a node's claim on a message lasts; a claim whose node died is taken over after it.</summary>
    [Range(30, 3600)]
    public int LeaseSeconds { get; set; } = 300;

    public bool UsesSmtp => string.Equals(Mode, "Smtp", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesSmtp && !string.Equals(Mode, "Pickup", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Email:Mode must be Pickup or Smtp, not '{Mode}'.", [nameof(Mode)]);
        }

        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"Email:From must be an address such as 'Pinpoint <bookings@example.com>', not '{From}'.", [nameof(From)]);
        }

        if (UsesSmtp && string.IsNullOrWhiteSpace(SmtpHost))
        {
            yield return new ValidationResult("Email:SmtpHost is required when Email:Mode is Smtp.", [nameof(SmtpHost)]);
        }

        if (UsesSmtp && SmtpPort is < 1 or > 65535)
        {
            yield return new ValidationResult("Email:SmtpPort must be a TCP port (1-65535).", [nameof(SmtpPort)]);
        }

        if (UsesSmtp && SmtpUser is not null && SmtpPassword is null)
        {
            yield return new ValidationResult("Email:SmtpPassword is required with Email:SmtpUser.", [nameof(SmtpPassword)]);
        }
    }
}

/// <summary>One outbox message ready to go. <see cref="MessageId"/> is the same on every attempt, so a repeat is recognisable.</summary>
public sealed record OutgoingEmail(string MessageId, string To, string Subject, string Body, string? Ics, bool Cancel);

public interface IEmailSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

/// <summary>Builds the MIME message of an outbox row: a UTF-8 text body, and the calendar invitation as a text/calendar part.</summary>
public static class EmailMessages
{
    public static MimeMessage Build(OutgoingEmail email, string from, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(email);
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId, Date = date };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(email.To));
        var text = new TextPart("plain") { Text = email.Body };
        if (email.Ics is null)
        {
            message.Body = text;
            return message;
        }

        var calendar = new TextPart("calendar")
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(email.Ics))),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "visit.ics",
        };
        calendar.ContentType.Charset = "utf-8";
        calendar.ContentType.Parameters.Add("method", email.Cancel ? "CANCEL" : "REQUEST");
        message.Body = new Multipart("mixed") { text, calendar };
        return message;
    }

    /// <summary>A file name made from the Message-ID (angle brackets and anything unsafe in a path dropped).</summary>
    public static string FileName(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var safe = new StringBuilder(messageId.Length + 4);
        foreach (var c in messageId.Trim('<', '>'))
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '@' or '_' ? c : '_');
        }

        return safe.Append(".eml").ToString();
    }
}

/// <summary>
/// Sends with MailKit over SMTP, or writes RFC 5322 .eml files to a pickup folder. A pickup file is named after the
/// Message-ID and written to a temporary name in the same folder, flushed to disk, then renamed over any earlier copy:
/// a reader never sees half a message, and a message sent again after a crash replaces itself rather than doubling.
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, IHostEnvironment environment, IConfiguration configuration, NodaTime.IClock clock) : IEmailSender
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

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var message = EmailMessages.Build(email, settings.From, clock.GetCurrentInstant().ToDateTimeOffset());
        if (settings.UsesSmtp)
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, settings.SmtpTls, cancellationToken);
            if (settings.SmtpUser is not null)
            {
                await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return;
        }

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
