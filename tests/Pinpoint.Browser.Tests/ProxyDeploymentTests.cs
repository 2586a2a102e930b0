using System.Net;
using Microsoft.Playwright;
using MimeKit;
using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

/// <summary>
/// The app as it is deployed: Production, its own process on PostgreSQL, behind nginx terminating TLS (started by
/// ./test.sh). What the proxy must make true: the browser sees HTTPS only, cookies are Secure, the app sends HSTS,
/// links and redirects name the public address, and the client is the address nginx saw — never one a caller typed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProxyDeploymentTests(BrowserFixture browser)
{
    private const string DemoPassword = "pinpoint-demo-2026";
    private readonly Deployment _deployment = Deployment.FromEnvironment();

    private string Origin => _deployment.Proxy.GetLeftPart(UriPartial.Authority);

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name);

    [Fact]
    public async Task A_demo_client_signs_in_books_and_signs_out_over_https_through_nginx_on_a_phone()
    {
        var mailBefore = Directory.EnumerateFiles(_deployment.MailDirectory, "*.eml").ToHashSet(StringComparer.Ordinal);
        await using var phone = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Origin, IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = 390, Height = 844 }, HasTouch = true, IsMobile = true,
        });
        var page = await phone.NewPageAsync();
        var seen = new List<string>();
        page.Response += (_, response) => seen.Add($"{response.Status} {response.Url}");

        // A protected page sends the visitor to sign in, at the public address.
        var login = await page.GotoAsync("/bookings");
        var loginUrl = $"{Origin}/account/login?ReturnUrl=%2Fbookings";
        Assert.Equal(loginUrl, page.Url);
        var redirect = await login!.Request.RedirectedFrom!.ResponseAsync();
        Assert.Equal(302, redirect!.Status);
        Assert.Equal(loginUrl, await redirect.HeaderValueAsync("location"));
        // nginx adds no such header: this is the app's HSTS, sent because it believed nginx's X-Forwarded-Proto.
        Assert.StartsWith("max-age=", await login.HeaderValueAsync("strict-transport-security"), StringComparison.Ordinal);

        await page.GetByLabel("Email").FillAsync("client@pinpoint.test");
        await page.GetByLabel("Password").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).TapAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{Origin}/bookings");
        await Assertions.Expect(page.GetByTestId("account-name")).ToHaveTextAsync("Sam Client");
        var cookies = await phone.CookiesAsync([Origin]);
        var auth = Assert.Single(cookies, c => c.Name == "pinpoint.auth");
        Assert.True(auth.Secure, "the sign-in cookie is not Secure");
        Assert.True(auth.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, auth.SameSite);
        Assert.All(cookies, c => Assert.True(c.Secure, $"cookie {c.Name} is not Secure"));

        // Book through the normal flow: therapy and address, a time, the checkout.
        await page.GotoAsync("/book?modality=myofascial");
        await page.GetByLabel("Your address, suburb or postcode").FillAsync("45 Brunswick Street, Fitzroy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find a time" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("slot").First).ToBeVisibleAsync();
        await page.GetByTestId("slot").First.TapAsync();
        await Assertions.Expect(page.GetByTestId("review")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("new-account")).ToHaveCountAsync(0); // signed in: no account to open
        await Assertions.Expect(page.GetByLabel("Suburb")).ToHaveValueAsync("Fitzroy");
        await page.ScreenshotAsync(new() { Path = Shot("proxy-review-390.png"), FullPage = true });
        await page.GetByTestId("confirm").TapAsync();

        await Assertions.Expect(page.GetByTestId("confirmed")).ToBeVisibleAsync();
        Assert.StartsWith($"{Origin}/bookings?confirmed=", page.Url, StringComparison.Ordinal);
        var bookingId = Guid.Parse(page.Url[(page.Url.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        await Assertions.Expect(page.GetByTestId("upcoming").Locator($"li[data-booking='{bookingId}']")).ToContainTextAsync("Myofascial");
        await AssertLinksStayAtTheProxyAsync(page);
        await page.ScreenshotAsync(new() { Path = Shot("proxy-bookings-390.png"), FullPage = true });

        // The same session on a desktop.
        await using var desktop = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Origin, IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            StorageState = await phone.StorageStateAsync(),
        });
        var wide = await desktop.NewPageAsync();
        await wide.GotoAsync("/bookings");
        await Assertions.Expect(wide.GetByTestId("upcoming").Locator($"li[data-booking='{bookingId}']")).ToBeVisibleAsync();
        await wide.ScreenshotAsync(new() { Path = Shot("proxy-bookings-1280.png"), FullPage = true });

        // The confirmation email's links start at Site:PublicBaseUrl, the proxy's address.
        var email = await WaitForEmailAsync(mailBefore, "client@pinpoint.test");
        Assert.Contains($"{Origin}/bookings", email.TextBody, StringComparison.Ordinal);
        foreach (var node in _deployment.Nodes)
        {
            Assert.DoesNotContain(node.Authority, email.TextBody, StringComparison.Ordinal);
        }

        // Sign out (behind Menu on a phone): the cookie is gone and a protected page asks to sign in again.
        await page.GetByTestId("menu-toggle").TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("account-name")).ToHaveCountAsync(0);
        Assert.Equal($"{Origin}/", page.Url);
        Assert.DoesNotContain(await phone.CookiesAsync([Origin]), c => c.Name == "pinpoint.auth");
        await page.GotoAsync("/bookings");
        Assert.Equal(loginUrl, page.Url);
        await page.ScreenshotAsync(new() { Path = Shot("proxy-signed-out-390.png"), FullPage = true });
        // Signing out ended the session on the server: the desktop's copy of the cookie is refused too.
        await wide.GotoAsync("/bookings");
        Assert.Equal(loginUrl, wide.Url);

        Assert.DoesNotContain(seen, s => s.StartsWith('5'));
        Assert.All(seen, s => Assert.StartsWith(Origin + "/", s[4..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_typed_straight_at_the_node_is_not_believed_while_through_nginx_it_is_the_one_nginx_saw()
    {
        var permits = _deployment.AnonymousPermitsPerMinute;

        // Straight at the node, claiming HTTPS and a new client each time: neither header is believed (the caller is
        // not the named proxy), so the node sees the plain-HTTP caller it is and refuses it every time.
        using var direct = _deployment.Client(_deployment.Nodes[0], Deployment.NewLoopbackAddress());
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Forbidden, permits + 1), await AnonymousCallsAsync(direct, permits + 1, claimHttps: true));

        // Through nginx the typed X-Forwarded-For is replaced by the address nginx saw: one client, limited after its
        // budget on each node (the limits are kept by each node; nginx deals the calls out in turn, so N nodes allow N budgets)…
        using var throughNginx = _deployment.Client(_deployment.Proxy, Deployment.NewLoopbackAddress());
        var budget = permits * _deployment.Nodes.Count;
        Assert.Equal(
            Enumerable.Repeat(HttpStatusCode.OK, budget).Append(HttpStatusCode.TooManyRequests),
            await AnonymousCallsAsync(throughNginx, budget + 1, claimHttps: false));

        // …and the budget was that client's, not nginx's own (127.0.0.1): its neighbour behind nginx is still served.
        using var neighbour = _deployment.Client(_deployment.Proxy, Deployment.NewLoopbackAddress());
        Assert.Equal([HttpStatusCode.OK], await AnonymousCallsAsync(neighbour, 1, claimHttps: false));
    }

    [Fact]
    public async Task Plain_http_at_the_node_is_refused_with_the_reason_while_through_nginx_redirects_name_the_https_address()
    {
        using var direct = _deployment.Client(_deployment.Nodes[0], Deployment.NewLoopbackAddress());
        using var straight = await direct.GetAsync("/bookings");

        // Production cookies are Secure only, so plain HTTP is refused with the reason (it was a 500 on any form).
        Assert.Equal(HttpStatusCode.Forbidden, straight.StatusCode);
        Assert.Contains("HTTPS only", await straight.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(straight.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP");
        using var health = await direct.GetAsync("/healthz"); // what a balancer asks a node directly
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using var proxied = _deployment.Client(_deployment.Proxy, Deployment.NewLoopbackAddress());
        using var through = await proxied.GetAsync("/bookings");
        Assert.Equal(HttpStatusCode.Redirect, through.StatusCode);
        Assert.Equal($"{Origin}/account/login?ReturnUrl=%2Fbookings", through.Headers.Location?.ToString());
        Assert.True(through.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>Anonymous calls to a rate-limited endpoint, each naming another client in X-Forwarded-For.</summary>
    private static async Task<List<HttpStatusCode>> AnonymousCallsAsync(HttpClient client, int count, bool claimHttps)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/body-map/regions");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            if (claimHttps)
            {
                request.Headers.Add("X-Forwarded-Proto", "https");
            }

            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null, "a 429 without Retry-After");
            }
        }

        return statuses;
    }

    /// <summary>No link, form, script, style or image points at a node or at plain HTTP.</summary>
    private async Task AssertLinksStayAtTheProxyAsync(IPage page)
    {
        var targets = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('a[href], form[action], link[href], script[src], img[src]')]
              .map(e => e.href || e.action || e.src)
            """);
        Assert.NotEmpty(targets);
        foreach (var target in targets)
        {
            Assert.False(target.StartsWith("http://", StringComparison.OrdinalIgnoreCase), $"plain HTTP link: {target}");
            Assert.DoesNotContain(_deployment.Nodes, node => target.Contains(node.Authority, StringComparison.Ordinal));
        }
    }

    private async Task<MimeMessage> WaitForEmailAsync(HashSet<string> before, string to)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            foreach (var file in Directory.EnumerateFiles(_deployment.MailDirectory, "*.eml").Where(f => !before.Contains(f)))
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)))
                {
                    return message;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"No email to {to} in {_deployment.MailDirectory} within a minute of booking.");
    }
}
