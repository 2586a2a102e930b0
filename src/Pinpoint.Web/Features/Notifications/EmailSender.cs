using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace Pinpoint.Web.Features.Notifications;

/// <summary>Configuration section <c>Email</c>. In Development the default drops .eml files in a folder instead of sending.</summary>
public sealed class EmailOptions
{
    /// <summary><c>Pickup</c> (write .eml files to <see cref="PickupDirectory"/>) or <c>Smtp</c>.</summary>
    public string Mode { get; set; } = "Pickup";

    /// <summary>Relative to the data directory unless absolute.</summary>
    public string PickupDirectory { get; set; } = "mail";

    public string From { get; set; } = "Pinpoint <bookings@pinpoint.test>";

    public string SmtpHost { get; set; } = "";

    public int SmtpPort { get; set; } = 587;

    public bool SmtpSsl { get; set; } = true;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>How often the dispatcher looks for due messages.</summary>
    public int DispatchIntervalSeconds { get; set; } = 30;
}

public interface IEmailSender
{
    Task SendAsync(string to, string subject, string body, string? ics, bool cancel, CancellationToken cancellationToken);
}

/// <summary>Sends through <see cref="SmtpClient"/>, or writes RFC 822 .eml files to a pickup folder.</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, IHostEnvironment environment, IConfiguration configuration) : IEmailSender
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

    public async Task SendAsync(string to, string subject, string body, string? ics, bool cancel, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var message = new MailMessage(MailAddress(settings.From), new MailAddress(to))
        {
            Subject = subject, Body = body, BodyEncoding = Encoding.UTF8, SubjectEncoding = Encoding.UTF8,
        };
        if (ics is not null)
        {
            var calendar = new ContentType($"text/calendar; method={(cancel ? "CANCEL" : "REQUEST")}; charset=utf-8");
            message.Attachments.Add(new Attachment(new MemoryStream(Encoding.UTF8.GetBytes(ics)), calendar) { Name = "visit.ics" });
        }

        using var client = new SmtpClient();
        if (string.Equals(settings.Mode, "Smtp", StringComparison.OrdinalIgnoreCase))
        {
            client.Host = settings.SmtpHost;
            client.Port = settings.SmtpPort;
            client.EnableSsl = settings.SmtpSsl;
            if (settings.SmtpUser is not null)
            {
                client.Credentials = new NetworkCredential(settings.SmtpUser, settings.SmtpPassword);
            }
        }
        else
        {
            Directory.CreateDirectory(PickupPath);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = PickupPath;
        }

        await client.SendMailAsync(message, cancellationToken);
    }

    private static MailAddress MailAddress(string value) => new(value);
}
