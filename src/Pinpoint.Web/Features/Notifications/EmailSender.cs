using System.ComponentModel.DataAnnotations;
using System.Text;
using MailKit.Security;
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
    /// <summary>Sends one message on its own.</summary>
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);

    /// <summary>
    /// A round of messages that share what can be shared (over SMTP, one connection). Dispose it when the round is
    /// over. By default each message is sent on its own.
    /// </summary>
    IEmailBatch StartBatch() => new EachOnItsOwn(this);
}

/// <summary>Messages sent one after another through what the batch holds open.</summary>
public interface IEmailBatch : IAsyncDisposable
{
    /// <summary>
    /// Sends one message. Throws <see cref="MailServerUnavailableException"/> when the server cannot be reached or used
    /// (no later message of this batch would go either); any other exception is this message's own failure.
    /// </summary>
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

/// <summary>The mail server could not be reached, would not let us in, or dropped the connection: not this message's fault.</summary>
public sealed class MailServerUnavailableException(string message, Exception innerException) : IOException(message, innerException);

/// <summary>A batch that sends each message through <see cref="IEmailSender.SendAsync"/>.</summary>
public sealed class EachOnItsOwn(IEmailSender sender) : IEmailBatch
{
    public Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken) => sender.SendAsync(email, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
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
