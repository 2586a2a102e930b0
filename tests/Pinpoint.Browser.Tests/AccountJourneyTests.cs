using Microsoft.Playwright;
using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_visitor_signs_up_opens_the_account_from_the_email_logs_out_logs_in_and_sees_their_name()
    {
        var page = await browser.NewPageAsync();
        var email = $"river.{Guid.NewGuid():N}@example.test";
        const string password = "gentle-pressure-42";

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create account" }).First.ClickAsync();

        await page.GetByLabel("Your name").FillAsync("River Okoro");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Mobile number").FillAsync("0412 345 678");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repeat password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await browser.OpenAccountFromEmailAsync(page, email);

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(browser.BaseAddress, "/account").ToString());
        await Assertions.Expect(page.GetByTestId("greeting-name")).ToHaveTextAsync("River Okoro");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-name")).ToHaveCountAsync(0);

        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("account-name")).ToHaveTextAsync("River Okoro");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "logged-in.png"),
            FullPage = true,
        });
        Assert.True(new FileInfo(Path.Combine(BrowserFixture.ScreenshotDirectory, "logged-in.png")).Length > 0);
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_keeps_the_email()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync("client@pinpoint.test");
        await page.GetByLabel("Password").FillAsync("not-the-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("did not let you in");
        await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync("client@pinpoint.test");
    }
}
