using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>What the account tests read: the account emails in the outbox, the links in them, and whether a password signs in.</summary>
internal static partial class AccountMailbox
{
    public static Task<List<Notification>> MessagesAsync(this PinpointApp app, string to, NotificationKind kind) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Notification>().AsNoTracking()
            .Where(n => n.To == to && n.Kind == kind).OrderBy(n => n.Id).ToListAsync());

    /// <summary>The one link into the app that a message's body holds, as a path and query.</summary>
    public static string LinkIn(Notification message, string path)
    {
        var match = Regex.Match(message.Body, $@"https?://\S+{Regex.Escape(path)}\?\S+");
        Assert.True(match.Success, $"No {path} link in:\n{message.Body}");
        return new Uri(match.Value).PathAndQuery;
    }

    /// <summary>
    /// Opens the link of the latest sign-up email to <paramref name="email"/> in <paramref name="client"/> and presses
    /// its button, as the person would: the answer is the redirect to where they land, signed in.
    /// </summary>
    public static async Task<HttpResponseMessage> ConfirmSignUpAsync(this PinpointApp app, HttpClient client, string email)
    {
        var message = (await app.MessagesAsync(email, NotificationKind.SignUpConfirm)).LastOrDefault();
        Assert.True(message is not null, $"No sign-up email to {email}");
        return await client.SubmitAsync(LinkIn(message, "/account/confirm-sign-up"), new Dictionary<string, string>());
    }

    public static async Task<bool> SignsInAsync(this PinpointApp app, string email, string password)
    {
        using var client = app.NewBrowserLikeClient();
        using var response = await client.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    /// <summary>
    /// Posts a form to a page that may not show one (a link that has expired or never worked), as a browser would
    /// post a form kept open: with an antiforgery token from another page of the same visit.
    /// </summary>
    public static async Task<HttpResponseMessage> PostWithoutItsFormAsync(this HttpClient client, string path, IReadOnlyDictionary<string, string> fields)
    {
        var other = await client.GetStringAsync("/account/forgot-password"); // open to everyone, signed in or not
        var token = TokenValue().Match(other);
        Assert.True(token.Success, "No antiforgery token on the forgot-password page");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) });
        return await client.PostAsync(path, content);
    }

    /// <summary>A page's text without what differs on every request (the antiforgery token), to compare two answers.</summary>
    public static string Stable(string html) => AntiforgeryValue().Replace(html, "value=\"token\"");

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenValue();
}
