using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

/// <summary>
/// On a phone: signing up ends on "Check your email", the emailed link opens the account and signs in at home; an
/// address that has an account gets the same page and a different email. Each page fits and passes axe; the
/// screenshots (390 and 1280 px) are for a person to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignUpJourneyTests(BrowserFixture browser)
{
    private const string Password = "gentle-pressure-42";

    private static async Task AssertFitsAndPassesAxeAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{what} is {overflow}px wider than the window");
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{what}:\n{string.Join("\n", violations)}");
    }

    private static async Task ShootAsync(IPage page, string name, int width)
    {
        await page.SetViewportSizeAsync(width, 900);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}-{width}.png"), FullPage = true });
    }

    private static async Task SignUpAsync(IPage page, string name, string email)
    {
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Mobile number").FillAsync("0412 345 678");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repeat password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).TapAsync();
    }

    [Fact]
    public async Task A_new_client_signs_up_on_a_phone_opens_the_emailed_link_and_lands_home_signed_in()
    {
        var email = $"wren.{Guid.NewGuid():N}@example.test";
        var page = await browser.NewPageAsync(width: 390, height: 844, touch: true);

        await SignUpAsync(page, "Wren Adeyemi", email);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/check-email$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("check-email")).ToContainTextAsync(email);
        await Assertions.Expect(page.GetByTestId("account-name")).ToHaveCountAsync(0); // not signed in yet
        await AssertFitsAndPassesAxeAsync(page, "/account/check-email");
        await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync(email); // "Send it again" is ready
        await ShootAsync(page, "sign-up-check-email", 390);
        await ShootAsync(page, "sign-up-check-email", 1280);
        await page.SetViewportSizeAsync(390, 844);

        var body = await browser.EmailBodyAsync(email, "Confirm your email to finish opening your account");
        Assert.StartsWith("Hello Wren Adeyemi,", body, StringComparison.Ordinal);
        Assert.Contains("within 24 hours", body, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ScreenshotDirectory, "sign-up-confirm-email.txt"), body);
        await page.GotoAsync(Mailbox.LinkIn(body, "/account/confirm-sign-up"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Wren Adeyemi" })).ToBeVisibleAsync();
        await AssertFitsAndPassesAxeAsync(page, "/account/confirm-sign-up");
        await ShootAsync(page, "sign-up-open-account", 390);
        await ShootAsync(page, "sign-up-open-account", 1280);
        await page.SetViewportSizeAsync(390, 844);

        await page.GetByRole(AriaRole.Button, new() { Name = "Open my account" }).TapAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(browser.BaseAddress, "/account").ToString());
        await Assertions.Expect(page.GetByTestId("greeting-name")).ToHaveTextAsync("Wren Adeyemi");
        await ShootAsync(page, "sign-up-home", 390);

        // The link is spent: opened again, it says so and offers the way in.
        await page.GotoAsync(Mailbox.LinkIn(body, "/account/confirm-sign-up"));
        await Assertions.Expect(page.GetByTestId("sign-up-link-problem")).ToContainTextAsync("Your account is open");
        await AssertFitsAndPassesAxeAsync(page, "a used sign-up link");
    }

    [Fact]
    public async Task An_address_with_an_account_gets_the_same_page_and_an_email_that_says_how_to_sign_in()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844, touch: true);

        await SignUpAsync(page, "Someone Curious", "jordan.lee@pinpoint.test");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/check-email$"));
        await Assertions.Expect(page.GetByTestId("check-email")).ToContainTextAsync("jordan.lee@pinpoint.test");
        var body = await browser.EmailBodyAsync("jordan.lee@pinpoint.test", "You already have a Pinpoint account");
        Assert.StartsWith("Hello Jordan Lee,", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone Curious", body, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ScreenshotDirectory, "sign-up-taken-email.txt"), body);
        await page.GotoAsync(Mailbox.LinkIn(body, "/account/login"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();

        // A broken link explains, and asks for the address to send a new one to.
        await page.GotoAsync("/account/confirm-sign-up?user=nobody&code=broken");
        await Assertions.Expect(page.GetByTestId("sign-up-link-problem")).ToContainTextAsync("cut short");
        await AssertFitsAndPassesAxeAsync(page, "a broken sign-up link");
        await ShootAsync(page, "sign-up-broken-link", 390);
    }
}
