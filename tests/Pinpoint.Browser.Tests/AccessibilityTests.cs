using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

/// <summary>axe-core audits in a real browser, and the layout at a 375 px phone width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/reset-password?user=nobody&code=broken")]
    [InlineData("/modalities")]
    [InlineData("/modalities/neuromuscular")]
    [InlineData("/what-to-expect")]
    [InlineData("/where-does-it-hurt")]
    [InlineData("/where-does-it-hurt?regions=temple-left:6,back-of-neck-left:4&symptoms=headache&activity=desk")]
    [InlineData("/where-does-it-hurt?regions=chest-upper-left:7&symptoms=breathlessness")]
    [InlineData("/where-does-it-hurt?regions=ankle-front-right:6,ankle-back-right:4,elbow-back-left:3&symptoms=tennis+elbow,shooting,glowing")]
    [InlineData("/book?regions=temple-left:6&modality=clinical")]
    public async Task Pages_have_no_serious_or_critical_axe_violations(string path)
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response?.Status);
        // An audit of an unstyled page would check the browser's default colours, not ours.
        var rules = await page.EvaluateAsync<int>("() => [...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0)");
        Assert.True(rules > 50, $"{path}: the stylesheet did not load ({rules} rules)");

        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);

        Assert.True(violations.Count == 0, $"{path}:\n{string.Join("\n", violations)}");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/register")]
    [InlineData("/modalities")]
    [InlineData("/what-to-expect")]
    [InlineData("/where-does-it-hurt?regions=temple-left:6,back-of-neck-left:4")]
    [InlineData("/where-does-it-hurt?regions=ankle-back-left:6,interscapular-right:4&symptoms=tennis+elbow,glowing")]
    [InlineData("/book?regions=temple-left:6&modality=clinical")]
    public async Task Pages_fit_a_375_px_phone_without_sideways_scrolling(string path)
    {
        var page = await browser.NewPageAsync(width: 375, height: 800);
        await page.GotoAsync(path);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a 375px screen");
        if (path == "/")
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "front-375.png"), FullPage = true });
        }
    }
}
