using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

/// <summary>The body map page in a real browser: mouse, keyboard, live results, and the hand-over to booking.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class WhereDoesItHurtTests(BrowserFixture browser)
{
    [Fact]
    public async Task Clicking_two_regions_shows_the_source_and_booking_keeps_the_selection()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/where-does-it-hurt");
        await Assertions.Expect(page.GetByTestId("referral-empty")).ToBeVisibleAsync();

        await page.Locator("path[data-region='temple-left']").ClickAsync();
        await page.Locator("path[data-region='back-of-neck-left']").ClickAsync();

        await Assertions.Expect(page.Locator("path[data-region='temple-left']")).ToHaveAttributeAsync("aria-checked", "true");
        var first = page.GetByTestId("candidate").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("data-muscle", "upper-trapezius");
        await Assertions.Expect(first).ToHaveAttributeAsync("data-side", "left");
        await Assertions.Expect(first).ToContainTextAsync("Where to look:");
        // The top candidate's pattern is drawn: its trigger points marked, its zones shaded.
        await Assertions.Expect(page.Locator(".tp-marker[data-region='upper-trapezius-ridge-left']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("path.region.is-essential[data-region='temple-left']")).ToHaveCountAsync(1);
        await Assertions.Expect(page).ToHaveURLAsync(UrlWithSelection());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "where-does-it-hurt.png"), FullPage = true });

        await page.GetByTestId("book-session").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/book\\?"));
        var kept = page.GetByTestId("kept-region");
        await Assertions.Expect(kept).ToHaveCountAsync(2);
        await Assertions.Expect(kept.Nth(0)).ToContainTextAsync("Left temple");
        await Assertions.Expect(kept.Nth(1)).ToContainTextAsync("Left back of the neck");
        await Assertions.Expect(page.GetByText("Upper trapezius (left)")).ToBeVisibleAsync();

        // And back again: the map comes back with the same selection.
        await page.GetByTestId("edit-selection").ClickAsync();
        await Assertions.Expect(page.Locator("path[data-region='back-of-neck-left']")).ToHaveAttributeAsync("aria-checked", "true");
        await Assertions.Expect(page.GetByTestId("candidate").First).ToHaveAttributeAsync("data-muscle", "upper-trapezius");
    }

    [Fact]
    public async Task The_map_works_with_the_keyboard()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/where-does-it-hurt");

        var front = page.GetByTestId("body-map-front");
        await front.Locator("[data-region]").First.FocusAsync();
        var start = await page.EvaluateAsync<string>("() => document.activeElement.dataset.region");
        await page.Keyboard.PressAsync("ArrowDown");
        var moved = await page.EvaluateAsync<string>("() => document.activeElement.dataset.region");
        Assert.NotEqual(start, moved);
        await page.Keyboard.PressAsync("Space");

        await Assertions.Expect(page.Locator($"path[data-region='{moved}']").First).ToHaveAttributeAsync("aria-checked", "true");
        await Assertions.Expect(page.GetByTestId("selected-regions").Locator("li")).ToHaveCountAsync(1);
        // Only one region of a figure is in the tab order at a time.
        await Assertions.Expect(front.Locator("[data-region][tabindex='0']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Changing_intensity_and_symptoms_updates_the_results_and_red_flags_pause_booking()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/where-does-it-hurt?regions=chest-upper-left:4");
        await Assertions.Expect(page.GetByTestId("book-session")).ToBeVisibleAsync();

        await page.GetByText("Add detail (optional)").ClickAsync();
        await page.GetByLabel("Short of breath").CheckAsync();

        await Assertions.Expect(page.GetByTestId("red-flag")).ToHaveAttributeAsync("data-code", "chest-pain-breathlessness");
        await Assertions.Expect(page.GetByTestId("book-session")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("book-blocked")).ToBeVisibleAsync();

        await page.Locator("#intensity-chest-upper-left").FillAsync("9");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("chest-upper-left%3A9"));
    }

    [Fact]
    public async Task Regions_can_be_found_by_name()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/where-does-it-hurt");

        await page.GetByLabel("Find an area by name").FillAsync("Right heel");
        await page.GetByLabel("Find an area by name").DispatchEventAsync("change");

        await Assertions.Expect(page.Locator("path[data-region='heel-right']")).ToHaveAttributeAsync("aria-checked", "true");
        await Assertions.Expect(page.GetByTestId("candidate").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_phone_one_figure_shows_at_a_time_and_regions_respond_to_taps()
    {
        var page = await browser.NewPageAsync(width: 375, height: 740, touch: true);
        await page.GotoAsync("/where-does-it-hurt");

        await Assertions.Expect(page.GetByTestId("body-map-back")).ToBeHiddenAsync();
        await page.Locator("path[data-region='shin-right']").TapAsync();
        await Assertions.Expect(page.Locator("path[data-region='shin-right']")).ToHaveAttributeAsync("aria-checked", "true");

        await page.GetByRole(AriaRole.Button, new() { Name = "Back", Exact = true }).TapAsync();
        await Assertions.Expect(page.GetByTestId("body-map-front")).ToBeHiddenAsync();
        await page.Locator("path[data-region='calf-right']").TapAsync();

        await Assertions.Expect(page.GetByTestId("selected-regions").Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("candidate").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "where-does-it-hurt-phone.png"), FullPage = true });
    }

    [GeneratedRegex("regions=temple-left%3A5%2Cback-of-neck-left%3A5")]
    private static partial Regex UrlWithSelection();
}
