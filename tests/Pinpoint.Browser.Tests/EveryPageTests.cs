using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Seeding;
using Pinpoint.Web.Features.Booking;
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
            "/account/register", "/account/register-therapist", "/account/check-email", "/account/confirm-sign-up?user=nobody&code=broken"] },
        { "client@pinpoint.test", ["/account", "/bookings", "/home-care", "/progress", "/intake/1",
            "/book/slots?modality=myofascial&minutes=60&address=Carlton%203053&date=2026-11-25&gender=any"] },
        { "therapist01@pinpoint.test", ["/therapist", "/therapist/schedule", "/therapist/day", "/therapist/blocked"] },
        { "admin@pinpoint.test", ["/admin/vetting", "/admin/therapists", "/admin/outcomes", "/admin/plan", "/admin/clients", "/admin/live"] },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_reachable_page_passes_axe_and_fits_a_phone_and_a_desktop(string email, string[] starts)
    {
        await UpcomingVisitAsync();
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
        // The visit day's pages are reached from the lists, not only typed in.
        var mustReach = email switch
        {
            "client@pinpoint.test" => "/bookings/{id}/live",
            "therapist01@pinpoint.test" => "/therapist/visits/{id}",
            _ => null,
        };
        Assert.True(mustReach is null || seen.Contains(mustReach), $"{mustReach} was not reached");
        problems.AddRange(refused);
        Assert.True(problems.Count == 0, $"{audited} pages audited for {(email.Length == 0 ? "a visitor" : email)}:\n{string.Join("\n", problems)}");
    }

    /// <summary>
    /// An upcoming visit of the demo client with therapist01, so the pages that exist only around a visit (the client's
    /// live page, the therapist's visit page) are reached from My bookings and the schedule. Written once, whichever
    /// role runs first; far enough ahead that no other test's times meet it.
    /// </summary>
    private async Task UpcomingVisitAsync() => await browser.App.Scoped(async s =>
    {
        var db = s.GetRequiredService<PinpointDb>();
        var clientId = await db.Users.Where(u => u.Email == DemoDataSeeder.ClientEmail).Select(u => u.Id).SingleAsync();
        if (await db.Bookings.AnyAsync(b => b.ClientUserId == clientId && b.IdempotencyKey == "every-page-visit"))
        {
            return;
        }

        var userId = await db.Users.Where(u => u.Email == "therapist01@pinpoint.test").Select(u => u.Id).SingleAsync();
        var therapistId = await db.Therapists.Where(t => t.UserId == userId).Select(t => t.Id).SingleAsync();
        var start = browser.App.Clock.GetCurrentInstant() + Duration.FromDays(20);
        db.Bookings.Add(new Booking
        {
            ClientUserId = clientId, TherapistId = therapistId, Start = start, End = start + Duration.FromHours(1), IdempotencyKey = "every-page-visit",
            OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70), Address = "10 Drummond St, Carlton",
            ClientLatitude = -37.8001, ClientLongitude = 144.9671,
        });
        await db.SaveChangesAsync();
    });

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
