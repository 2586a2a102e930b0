using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

/// <summary>From "Where does it hurt?" to a confirmed visit, on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BookingJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_new_client_books_a_visit_on_a_phone_from_the_body_map()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844, touch: true);
        await page.GotoAsync("/where-does-it-hurt?regions=temple-left:6,back-of-neck-left:5");
        await page.GetByTestId("book-session").TapAsync();

        // 1: therapy, length, address, day.
        await Assertions.Expect(page.GetByTestId("kept-region")).ToHaveCountAsync(2);
        await page.GetByLabel("Your address, suburb or postcode").FillAsync("Carlton 3053");
        await AssertAccessibleAsync(page, "booking step 1");
        await Assertions.Expect(page.GetByTestId("therapy-prices").First).ToContainTextAsync("60 min $");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "book-step1-phone.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Find a time" }).TapAsync();

        // 2: a time with a therapist.
        await Assertions.Expect(page.GetByTestId("slot").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "booking slots");
        await Assertions.Expect(page.GetByTestId("slot-price").First).ToContainTextAsync("AUD");
        await page.GetByTestId("slots").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "slots-phone.png") });
        await page.GetByTestId("slot").First.TapAsync();

        // 3: review, then sign up and come back to confirm.
        await Assertions.Expect(page.GetByTestId("review")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("policy")).ToContainTextAsync("24 hours");
        await AssertAccessibleAsync(page, "booking review");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).TapAsync();
        await page.GetByLabel("Your name").FillAsync("Jordan Lee");
        await page.GetByLabel("Email").FillAsync($"jordan.{Guid.NewGuid():N}@example.test");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("gentle-pressure-42");
        await page.GetByLabel("Repeat password").FillAsync("gentle-pressure-42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).TapAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/book/review"));
        // The pain marked on the body map travels with the booking to the therapist, and the review says so.
        await Assertions.Expect(page.GetByTestId("review-pain")).ToContainTextAsync("Left temple, Left back of the neck");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "review-phone.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm booking" }).TapAsync();

        // 4: confirmed, and listed.
        await Assertions.Expect(page.GetByTestId("confirmed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("upcoming").Locator("li")).ToHaveCountAsync(1);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{overflow}px sideways scroll on a phone");
        await AssertAccessibleAsync(page, "my bookings");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "booked-phone.png"), FullPage = true });
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{what}:\n{string.Join("\n", violations)}");
    }
}
