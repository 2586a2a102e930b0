using Microsoft.Playwright;
using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

/// <summary>
/// The demo on first start, as people see it on a 390 px phone and on a desktop: the demo client's progress charts,
/// the therapist directory with portraits and ratings, a profile, and the time list's day strip. Screenshots are kept.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoShowcaseTests(BrowserFixture browser)
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name);

    private async Task<IPage> SignedInAsync(string email, int width, int height)
    {
        var page = await browser.NewPageAsync(width, height, touch: width < 500);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("pinpoint-demo-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-name")).ToBeVisibleAsync();
        return page;
    }

    private static async Task AssertFitsAndAccessibleAsync(IPage page)
    {
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth"));
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task The_demo_clients_progress_page_shows_charts_on_first_start(int width, int height)
    {
        var page = await SignedInAsync("client@pinpoint.test", width, height);

        await page.GotoAsync("/progress");

        await Assertions.Expect(page.GetByTestId("pain-table").Locator("tbody tr")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator(".chart-box[data-drawn='true']").First).ToBeVisibleAsync();
        Assert.True(await page.Locator(".chart-box[data-drawn='true']").CountAsync() >= 3, "fewer than three charts drawn");
        await Assertions.Expect(page.GetByTestId("pain-reading")).ToContainTextAsync("improved");
        await AssertFitsAndAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Shot($"demo-progress-{width}.png"), FullPage = true });
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task The_directory_shows_every_therapist_with_a_photo_rating_and_book_button(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height, touch: width < 500);

        await page.GotoAsync("/therapists");

        var cards = page.Locator(".therapist-card");
        Assert.True(await cards.CountAsync() >= 30);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.therapist-photo')].slice(0, 4).every(i => i.complete && i.naturalWidth > 0)");
        await Assertions.Expect(cards.First.GetByTestId("stars")).ToBeVisibleAsync();
        await Assertions.Expect(cards.First.GetByTestId("book-therapist")).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(page);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Shot($"demo-directory-{width}.png"), FullPage = width > 500 });

        var rated = page.Locator(".therapist-card", new() { Has = page.Locator(".rating-value") }).First;
        await rated.Locator("h2 a").ClickAsync();
        await Assertions.Expect(page.Locator(".profile-photo")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".profile-rating .rating-value")).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Shot($"demo-profile-{width}.png"), FullPage = true });

        await page.GetByTestId("book-therapist").ClickAsync();
        await Assertions.Expect(page.GetByTestId("chosen-therapist")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(375, 812)]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task The_time_list_has_a_day_strip_that_scrolls_inside_itself_and_never_the_page(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height, touch: width < 500);

        await page.GotoAsync("/book/slots?modality=myofascial&minutes=60&address=Carlton&date=2026-11-27");

        var strip = page.GetByTestId("day-strip");
        await Assertions.Expect(strip.Locator("[aria-current='date']")).ToContainTextAsync("27");
        await Assertions.Expect(page.GetByTestId("slot").First).ToBeVisibleAsync();
        if (width < 500)
        {
            Assert.True(await strip.EvaluateAsync<bool>("s => s.scrollWidth > s.clientWidth"), "the strip should scroll sideways on a phone: " + await strip.EvaluateAsync<string>("s => s.scrollWidth + ' ' + s.clientWidth + ' ' + getComputedStyle(s).overflowX + ' ' + s.querySelectorAll('li').length"));
        }

        await AssertFitsAndAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Shot($"demo-slots-{width}.png"), FullPage = width > 500 });

        await strip.Locator("a[data-date='2026-11-30']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("modality=myofascial.*date=2026-11-30"));
        await Assertions.Expect(strip.Locator("[aria-current='date']")).ToContainTextAsync("30");
    }

    [Fact]
    public async Task The_operators_outcome_dashboard_is_populated_on_first_start()
    {
        var page = await SignedInAsync("admin@pinpoint.test", 1280, 900);

        await page.GotoAsync("/admin/outcomes");

        Assert.True(await page.Locator("th[scope='row']").CountAsync() >= 6, "the dashboard shows fewer than six groups");
        await AssertFitsAndAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Shot("demo-admin-outcomes-1280.png"), FullPage = true });
    }
}
