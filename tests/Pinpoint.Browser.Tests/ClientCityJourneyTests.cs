using Microsoft.Playwright;
using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

/// <summary>On a phone: a new client sets their city on the account page, and the booking form quotes in its currency.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ClientCityJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_client_moving_to_auckland_sets_the_city_on_their_phone_and_the_booking_form_quotes_in_nzd()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844, touch: true);
        var email = $"tama.{Guid.NewGuid():N}@example.test";
        const string password = "gentle-pressure-42";
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name").FillAsync("Tama Ngata");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Mobile number").FillAsync("0412 345 678");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repeat password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await browser.OpenAccountFromEmailAsync(page, email);

        await Assertions.Expect(page.GetByTestId("city-zone")).ToHaveTextAsync("Melbourne time (Australia/Melbourne)");
        await page.GetByLabel("City", new() { Exact = true }).SelectOptionAsync("auckland");
        await page.GetByTestId("save-city").ClickAsync();

        await Assertions.Expect(page.GetByTestId("city-saved")).ToContainTextAsync("Auckland time (Pacific/Auckland)");
        await Assertions.Expect(page.GetByTestId("city-currency")).ToHaveTextAsync("NZD");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "account-city-390.png"), FullPage = true });
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The account page scrolls sideways at 390 px.");

        await page.GotoAsync("/book");
        await Assertions.Expect(page.GetByTestId("price-currency")).ToHaveTextAsync("(prices in NZD)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "book-nzd-390.png"), FullPage = true });
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The booking form scrolls sideways at 390 px.");
    }
}
