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

    [Theory]
    [InlineData(390, true)]
    [InlineData(1280, false)]
    public async Task The_ankle_can_be_marked_front_and_back_and_free_words_are_read_back(int width, bool phone)
    {
        var page = await browser.NewPageAsync(width: width, height: 900, touch: phone);
        await page.GotoAsync("/where-does-it-hurt");

        var front = page.Locator("path[data-region='ankle-front-left']");
        var back = page.Locator("path[data-region='ankle-back-left']");
        if (phone)
        {
            // One figure at a time on a phone: the front of the ankle on the front, the Achilles on the back.
            await front.TapAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Back", Exact = true }).TapAsync();
            await back.TapAsync();
        }
        else
        {
            await front.ClickAsync();
            await back.ClickAsync();
        }

        await Assertions.Expect(front).ToHaveAttributeAsync("aria-checked", "true");
        await Assertions.Expect(back).ToHaveAttributeAsync("aria-checked", "true");
        await Assertions.Expect(page.GetByTestId("selected-regions")).ToContainTextAsync("Left back of the ankle (Achilles)");
        await page.GetByText("Add detail (optional)").ClickAsync();
        await page.GetByLabel("In your own words").FillAsync("Shooting, pins and needles, no fever, glowing");

        var words = page.GetByTestId("recognised-words");
        await Assertions.Expect(words.Locator("[data-term='sharp']")).ToBeVisibleAsync();
        await Assertions.Expect(words.Locator("[data-term='numbness-tingling']")).ToBeVisibleAsync();
        await Assertions.Expect(words.Locator("[data-term='fever'][data-negated='true']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("ignored-words")).ToContainTextAsync("glowing");
        await Assertions.Expect(page.GetByTestId("red-flag")).ToHaveCountAsync(0);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("symptoms=Shooting"));
        var first = page.GetByTestId("candidate").First;
        await Assertions.Expect(first.GetByTestId("candidate-band")).ToHaveTextAsync(new Regex("^(Most likely|Also possible)$"));
        await Assertions.Expect(first.GetByTestId("candidate-reason")).ToContainTextAsync(new Regex("^Explains (the back|the front) of your left ankle"));
        await Assertions.Expect(page.GetByTestId("band-key")).ToBeVisibleAsync();
        // Bands instead of bare percentages: every candidate has one, none shows a share.
        await Assertions.Expect(page.Locator(".candidate .score")).ToHaveCountAsync(0);
        Assert.Equal(await page.GetByTestId("candidate").CountAsync(), await page.GetByTestId("candidate-band").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"where-does-it-hurt-words-{width}.png"), FullPage = true });
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));

        // The words survive a reload: what was typed stays in the box, in the client's own words.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("In your own words")).ToHaveValueAsync("Shooting, pins and needles, no fever, glowing");
    }

    [GeneratedRegex("regions=temple-left%3A5%2Cback-of-neck-left%3A5")]
    private static partial Regex UrlWithSelection();
}
