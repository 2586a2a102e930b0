using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Pinpoint.Browser.Tests.Infrastructure;

/// <summary>
/// One person's cookies, sent to whichever entry of the deployment a request names: the balancer, or a node directly.
/// A node is reached as nginx reaches it (from 127.0.0.1, the proxy the nodes trust, with <c>X-Forwarded-Proto: https</c>
/// and the person's own address in <c>X-Forwarded-For</c>), so a request can be pinned to one node while the session
/// stays the same — which is what shows whether a cookie or a form token issued by one node holds on another.
/// </summary>
public sealed partial class NodeSession : IDisposable
{
    private readonly Deployment _deployment;
    private readonly Dictionary<Uri, HttpClient> _clients = [];
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly IPAddress _source = Deployment.NewLoopbackAddress();
    private readonly string _forwardedFor = $"198.51.100.{Random.Shared.Next(1, 255)}";

    public NodeSession(Deployment deployment) => _deployment = deployment;

    public Uri Proxy => _deployment.Proxy;

    public Uri Node(int index) => _deployment.Nodes[index];

    public async Task<HttpResponseMessage> SendAsync(Uri entry, HttpMethod method, string path, HttpContent? content = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var isNode = entry != _deployment.Proxy;
        if (isNode)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", _forwardedFor);
        }

        var response = await ClientFor(entry, isNode).SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            lock (_cookies)
            {
                foreach (var header in setCookies)
                {
                    var pair = header.Split(';', 2)[0];
                    var at = pair.IndexOf('=', StringComparison.Ordinal);
                    var (name, value) = (pair[..at], pair[(at + 1)..]);
                    if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    {
                        _cookies.Remove(name);
                    }
                    else
                    {
                        _cookies[name] = value;
                    }
                }
            }
        }

        return response;
    }

    public Task<HttpResponseMessage> GetAsync(Uri entry, string path) => SendAsync(entry, HttpMethod.Get, path);

    public Task<HttpResponseMessage> PostJsonAsync<T>(Uri entry, string path, T body, string? idempotencyKey = null) =>
        SendAsync(entry, HttpMethod.Post, path, JsonContent.Create(body), idempotencyKey);

    /// <summary>The form's antiforgery token as <paramref name="formEntry"/> renders it, posted to <paramref name="postEntry"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(Uri formEntry, Uri postEntry, string path, IReadOnlyDictionary<string, string> fields)
    {
        using var page = await GetAsync(formEntry, path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync());
        Assert.True(token.Success, $"No antiforgery token on {path}");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await SendAsync(postEntry, HttpMethod.Post, path, new FormUrlEncodedContent(body));
    }

    /// <summary>Signs in with the login form rendered by one entry and posted to another; the answer must be the redirect home.</summary>
    public async Task SignInAsync(string email, string password, Uri formEntry, Uri postEntry)
    {
        using var response = await SubmitAsync(formEntry, postEntry, "/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Signing in as {email} (form from {formEntry.Authority}, posted to {postEntry.Authority}) answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private HttpClient ClientFor(Uri entry, bool isNode)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(entry, out var client))
            {
                client = _deployment.Client(entry, isNode ? IPAddress.Loopback : _source);
                _clients[entry] = client;
            }

            return client;
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
