using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

/// <summary>A client's intake in a real browser, from the body map to the summary on their account.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IntakeJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_client_completes_the_intake_with_an_anticoagulant_and_finds_it_on_their_account()
    {
        var page = await browser.NewPageAsync();
        var email = $"priya.{Guid.NewGuid():N}@example.test";
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name").FillAsync("Priya Menon");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Mobile number").FillAsync("0412 345 678");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("gentle-pressure-42");
        await page.GetByLabel("Repeat password").FillAsync("gentle-pressure-42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await browser.OpenAccountFromEmailAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Start your intake" }).ClickAsync();

        // 1: two regions on the map; the likely sources appear live.
        await page.Locator("path[data-region='low-back-left']").ClickAsync();
        await page.Locator("path[data-region='buttock-upper-left']").ClickAsync();
        await Assertions.Expect(page.GetByTestId("candidate").First).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/intake/1$"));
        await AssertAccessibleAsync(page, "intake step 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // 2–4: history, goals, preferences (gentle pressure is already chosen).
        await page.GetByLabel("For months").CheckAsync();
        await page.GetByLabel("Low back pain").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await page.GetByLabel("Less pain").CheckAsync();
        await page.GetByLabel("What do you spend most time doing?").SelectOptionAsync("desk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Gentle (recommended to start)")).ToBeCheckedAsync();
        await AssertAccessibleAsync(page, "intake preferences");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // 5: health questions: yes to blood thinners, no to the rest.
        var questions = page.Locator("fieldset.screening-question");
        var count = await questions.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var question = questions.Nth(i);
            var id = await question.GetAttributeAsync("data-question");
            await question.GetByLabel(id == "anticoagulants" ? "Yes" : "No", new() { Exact = true }).CheckAsync();
        }

        await AssertAccessibleAsync(page, "intake health questions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // 6: the review shows the likely sources and the gentle-pressure note.
        await Assertions.Expect(page.GetByTestId("review-sources").Locator("li")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("screening-outcome")).ToHaveAttributeAsync("data-outcome", "caution");
        await Assertions.Expect(page.GetByTestId("gentle-only")).ToHaveTextAsync("Gentle pressure only");
        await page.GetByLabel("I agree to the consent to treatment").CheckAsync();
        await page.GetByLabel("I agree to the privacy notice").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my intake" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("intake-submitted")).ToBeVisibleAsync();
        var summary = page.GetByTestId("intake-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Version 1");
        await Assertions.Expect(summary).ToContainTextAsync("Left low back (");
        await Assertions.Expect(summary.GetByTestId("gentle-only")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "account with intake");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "intake-done.png"), FullPage = true });
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{what}:\n{string.Join("\n", violations)}");
    }
}
