using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

/// <summary>On a phone: a forgotten password is reset through the email the outbox writes, and the account's details pages fit and pass axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountRecoveryJourneyTests(BrowserFixture browser)
{
    private const string OldPassword = "first-password-2026";

    private async Task<string> NewAccountAsync()
    {
        var email = $"sam.{Guid.NewGuid():N}@example.test";
        await browser.App.Scoped(async services =>
        {
            var users = services.GetRequiredService<UserManager<PinpointUser>>();
            var user = new PinpointUser { DisplayName = "Sam Forgetful", UserName = email, Email = email };
            Assert.True((await users.CreateAsync(user, OldPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Client)).Succeeded);
        });
        return email;
    }

    private static async Task AssertFitsAndPassesAxeAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{what} is {overflow}px wider than the phone");
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{what}:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public async Task A_client_who_forgot_their_password_sets_a_new_one_from_the_email_and_signs_in_with_it_on_a_phone()
    {
        var email = await NewAccountAsync();
        const string newPassword = "second-password-2027";
        var page = await browser.NewPageAsync(width: 390, height: 844, touch: true);

        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).TapAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forgot your password?" })).ToBeVisibleAsync();
        await AssertFitsAndPassesAxeAsync(page, "/account/forgot-password");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("reset-sent")).ToContainTextAsync(email);
        await AssertFitsAndPassesAxeAsync(page, "the forgot-password answer");

        var body = await browser.EmailBodyAsync(email, "Set a new password for Pinpoint");
        Assert.Contains("within 2 hours", body, StringComparison.Ordinal);
        var link = Mailbox.LinkIn(body, "/account/reset-password");
        await page.GotoAsync(link);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a new password" })).ToBeVisibleAsync();
        await AssertFitsAndPassesAxeAsync(page, "/account/reset-password");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("Repeat the new password").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set my new password" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("reset-done")).ToBeVisibleAsync();
        await AssertFitsAndPassesAxeAsync(page, "the reset's answer");

        await page.GetByRole(AriaRole.Link, new() { Name = "Log in" }).Last.TapAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("greeting-name")).ToHaveTextAsync("Sam Forgetful");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "password-reset-390.png"), FullPage = true });

        // The link is spent: opening it again explains, with a way to ask for another.
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByTestId("reset-link-problem")).ToContainTextAsync("already been set");
        await AssertFitsAndPassesAxeAsync(page, "a used reset link");
    }

    [Fact]
    public async Task The_email_and_mobile_pages_fit_a_phone_pass_axe_and_save_by_label()
    {
        var email = await NewAccountAsync();
        var page = await browser.NewPageAsync(width: 375, height: 812, touch: true);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(OldPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("greeting-name")).ToBeVisibleAsync();
        await AssertFitsAndPassesAxeAsync(page, "/account");

        await page.GetByTestId("change-mobile").TapAsync();
        await page.GetByLabel("Mobile number").FillAsync("0412 345 678");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my mobile number" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("mobile-changed")).ToContainTextAsync("0412 345 678");
        await AssertFitsAndPassesAxeAsync(page, "/account/mobile");
        await page.GetByLabel("Mobile number").FillAsync("not a number");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my mobile number" }).TapAsync();
        await Assertions.Expect(page.GetByText(MobileNumbers.Invalid).First).ToBeVisibleAsync();
        await AssertFitsAndPassesAxeAsync(page, "/account/mobile with an error");

        await page.GotoAsync("/account/email");
        await page.GetByLabel("New email").FillAsync($"a.very.long.address.{Guid.NewGuid():N}@a-rather-long-domain.example.test");
        await page.GetByLabel("Current password").FillAsync(OldPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("email-message")).ToContainTextAsync("We have sent a link");
        await AssertFitsAndPassesAxeAsync(page, "/account/email");
    }
}
