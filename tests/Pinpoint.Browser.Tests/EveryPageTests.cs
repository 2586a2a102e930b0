using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

/// <summary>
/// Every page each role can reach, found by following the links from its home pages (one page per route, ids and
/// dates aside), on a 375 px phone and on a desktop: axe finds no serious or critical violation and nothing scrolls
/// sideways. A page added later is audited without anyone remembering to list it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class EveryPageTests(BrowserFixture browser)
{
    private const int MaxPagesPerRole = 60;

    public static TheoryData<string, string[]> Roles => new()
    {
        { "", ["/", "/where-does-it-hurt?regions=temple-left:6,back-of-neck-left:4&symptoms=headache&activity=desk", "/book?regions=temple-left:6",
            "/book/slots?modality=myofascial&minutes=60&address=Carlton%203053&date=2026-11-25&gender=any", "/therapists", "/account/login",
            "/account/register", "/account/register-therapist"] },
        { "client@pinpoint.test", ["/account", "/bookings", "/home-care", "/progress", "/intake/1",
            "/book/slots?modality=myofascial&minutes=60&address=Carlton%203053&date=2026-11-25&gender=any"] },
        { "therapist01@pinpoint.test", ["/therapist", "/therapist/schedule", "/therapist/day", "/therapist/blocked"] },
        { "admin@pinpoint.test", ["/admin/vetting", "/admin/therapists", "/admin/outcomes", "/admin/plan", "/admin/clients"] },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_reachable_page_passes_axe_and_fits_a_phone_and_a_desktop(string email, string[] starts)
    {
        var phone = await SignedInAsync(await browser.NewPageAsync(width: 375, height: 812, touch: true), email);
        var desktop = await SignedInAsync(await browser.NewPageAsync(), email);
        var refused = new List<string>();
        foreach (var page in new[] { phone, desktop })
        {
            // A browser reports what the Content-Security-Policy blocked on the console: the app must need nothing it blocks.
            page.Console += (_, message) =>
            {
                if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                {
                    refused.Add($"{page.Url}: {message.Text}");
                }
            };
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(starts);
        var problems = new List<string>();
        var audited = 0;
        while (queue.TryDequeue(out var path) && audited < MaxPagesPerRole)
        {
            if (!seen.Add(RouteOf(path)))
            {
                continue;
            }

            var response = await phone.GotoAsync(path);
            if (response is null || !phone.Url.StartsWith(browser.BaseAddress.ToString(), StringComparison.Ordinal) || response.Status != 200 ||
                !(response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal)))
            {
                if (response is { Status: >= 500 })
                {
                    problems.Add($"{path}: {response.Status}");
                }

                continue;
            }

            audited++;
            var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            if (overflow > 0)
            {
                problems.Add($"{path} (375 px): {overflow}px sideways scroll");
            }

            problems.AddRange((await BrowserFixture.SeriousAccessibilityViolationsAsync(phone)).Select(v => $"{path} (375 px): {v}"));
            await desktop.GotoAsync(path);
            problems.AddRange((await BrowserFixture.SeriousAccessibilityViolationsAsync(desktop)).Select(v => $"{path} (desktop): {v}"));

            foreach (var link in await phone.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"))
            {
                if (Followable(link))
                {
                    queue.Enqueue(link);
                }
            }
        }

        await File.WriteAllLinesAsync(Path.Combine(BrowserFixture.ScreenshotDirectory, $"every-page-{(email.Length > 0 ? email.Split('@')[0] : "visitor")}.txt"), seen);
        Assert.True(audited >= starts.Length, $"only {audited} pages audited");
        problems.AddRange(refused);
        Assert.True(problems.Count == 0, $"{audited} pages audited for {(email.Length == 0 ? "a visitor" : email)}:\n{string.Join("\n", problems)}");
    }

    private static async Task<IPage> SignedInAsync(IPage page, string email)
    {
        if (email.Length > 0)
        {
            await page.GotoAsync("/account/login");
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password").FillAsync("pinpoint-demo-2026");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("account-name")).ToBeVisibleAsync();
        }

        return page;
    }

    // Same-site pages only: not the API, files, feeds, the API reference or links out of the app.
    private static bool Followable(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) &&
        !Skipped().IsMatch(href);

    // One page per route: ids, numbers and dates become placeholders, the query string is dropped.
    private static string RouteOf(string path) =>
        Ids().Replace(path.Split('?', '#')[0], "{id}");

    [GeneratedRegex(@"^/(api|openapi|scalar|metrics|health|files|calendar|lib|css|js)(/|$)|\.(ics|svg|png|jpg|pdf|json|csv)(\?|$)|^/account/logout", RegexOptions.IgnoreCase)]
    private static partial Regex Skipped();

    [GeneratedRegex(@"(?<=/)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}|\d+|\d{4}-\d{2}-\d{2})(?=/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Ids();
}
