using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pinpoint.Web.Features.Notifications;

namespace Pinpoint.Browser.Tests.Infrastructure;

/// <summary>The emails the app writes to its pickup folder, read as their recipient would, and the links in them.</summary>
public static class Mailbox
{
    /// <summary>Sends what is due and reads, from the pickup folder, the one .eml to <paramref name="to"/> whose subject says <paramref name="subject"/>.</summary>
    public static async Task<string> EmailBodyAsync(this BrowserFixture browser, string to, string subject)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var pickup = await browser.App.Scoped(async services =>
        {
            await services.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None);
            return ((SmtpEmailSender)services.GetRequiredService<IEmailSender>()).PickupPath;
        });
        var eml = Assert.Single(Directory.GetFiles(pickup, "*.eml").Select(File.ReadAllText),
            m => m.Contains($"To: {to}", StringComparison.Ordinal) && m.Contains(subject, StringComparison.Ordinal));
        return Body(eml);
    }

    /// <summary>The first link into the app to <paramref name="path"/> that a message holds, as a path and query.</summary>
    public static string LinkIn(string body, string path)
    {
        var match = Regex.Match(body ?? "", $@"https?://\S+{Regex.Escape(path)}(\?\S+)?(?=\s|$)");
        Assert.True(match.Success, $"No {path} link in:\n{body}");
        return new Uri(match.Value).PathAndQuery;
    }

    /// <summary>
    /// After a sign-up page's "Check your email": opens the link in the email to <paramref name="email"/> and presses
    /// "Open my account", as the person would. The page is then signed in, on its role's home.
    /// </summary>
    public static async Task OpenAccountFromEmailAsync(this BrowserFixture browser, IPage page, string email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Assertions.Expect(page.GetByTestId("check-email")).ToContainTextAsync(email);
        var body = await browser.EmailBodyAsync(email, "Confirm your email to finish opening your account");
        await page.GotoAsync(LinkIn(body, "/account/confirm-sign-up"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Open my account" }).ClickAsync();
    }

    /// <summary>The text of a single-part message as .NET's SmtpClient writes it (base64 or quoted-printable).</summary>
    public static string Body(string eml)
    {
        ArgumentNullException.ThrowIfNull(eml);
        var split = eml.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var (headers, body) = (eml[..split], eml[(split + 4)..]);
        if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n").Select(l => l.Trim()))));
        }

        if (headers.Contains("Content-Transfer-Encoding: quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            var joined = body.Replace("=\r\n", "", StringComparison.Ordinal);
            var bytes = new List<byte>();
            for (var i = 0; i < joined.Length; i++)
            {
                if (joined[i] == '=' && i + 2 < joined.Length)
                {
                    bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
                }
            }

            return Encoding.UTF8.GetString([.. bytes]);
        }

        return body;
    }
}
