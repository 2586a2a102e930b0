using Microsoft.Playwright;
using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

/// <summary>Every page of every role on a 375 px phone: a short header with its links behind Menu, and nothing wider than the screen.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture browser)
{
    private const int MaxHeaderHeight = 72;

    public static TheoryData<string, string[]> Pages => new()
    {
        { "", ["/", "/where-does-it-hurt", "/book?regions=temple-left:6", "/modalities", "/modalities/myofascial", "/what-to-expect", "/therapists", "/account/login", "/account/register", "/account/register-therapist", "/account/forgot-password", "/account/reset-password", "/account/check-email", "/account/confirm-sign-up"] },
        { "client@pinpoint.test", ["/account", "/account/password", "/account/email", "/account/mobile", "/bookings", "/home-care", "/progress", "/intake/1", "/intake/2", "/intake/3", "/intake/4", "/intake/5", "/intake/6"] },
        { "therapist01@pinpoint.test", ["/therapist", "/therapist/profile", "/therapist/hours", "/therapist/credentials", "/therapist/schedule", "/therapist/day", "/therapist/blocked", "/account", "/account/email"] },
        { "admin@pinpoint.test", ["/admin/vetting", "/admin/therapists", "/admin/outcomes", "/admin/plan", "/admin/clients", "/admin/live", "/account", "/account/mobile"] },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_fits_a_phone_with_a_short_header(string email, string[] paths)
    {
        var page = await browser.NewPageAsync(width: 375, height: 812, touch: true);
        if (email.Length > 0)
        {
            await page.GotoAsync("/account/login");
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password").FillAsync("pinpoint-demo-2026");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).TapAsync();
            await Assertions.Expect(page.GetByTestId("account-name")).ToBeVisibleAsync();
        }

        var problems = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            var header = await page.EvaluateAsync<int>("() => Math.round(document.querySelector('.site-header').getBoundingClientRect().height)");
            if (overflow > 0)
            {
                problems.Add($"{path}: {overflow}px sideways scroll");
            }

            if (header > MaxHeaderHeight)
            {
                problems.Add($"{path}: header {header}px tall");
            }
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"phone-header-{(email.Length > 0 ? email.Split('@')[0] : "visitor")}.png") });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_phone_menu_opens_shows_the_links_and_closes_with_escape()
    {
        var page = await browser.NewPageAsync(width: 375, height: 812, touch: true);
        await page.GotoAsync("/");
        var toggle = page.GetByTestId("menu-toggle");
        var links = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(links).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");

        await toggle.TapAsync();

        await Assertions.Expect(links.GetByRole(AriaRole.Link, new() { Name = "Where does it hurt?" })).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "menu-open-375.png") });
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(links).ToBeHiddenAsync();
    }
}
