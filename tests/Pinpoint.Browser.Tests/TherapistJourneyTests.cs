using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

/// <summary>The therapist side in a real browser: sign-up, an NMT application with its certificate, approval, the badge.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TherapistJourneyTests(BrowserFixture browser)
{
    private const string Password = "knots-and-bands-7";

    [Fact]
    public async Task A_therapist_applies_for_NMT_an_admin_approves_and_the_profile_shows_the_verified_badge()
    {
        var email = $"therapist.{Guid.NewGuid():N}@example.test";
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/account/register-therapist");
        await page.GetByLabel("Your name").FillAsync("Imogen Price");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Suburb or postcode you work from").FillAsync("Brunswick 3056");
        await page.GetByLabel("Mobile number").FillAsync("0412 345 678");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repeat password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create therapist account" }).ClickAsync();
        await browser.OpenAccountFromEmailAsync(page, email);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/therapist$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hello, Imogen Price");
        await AssertAccessibleAsync(page, "therapist dashboard");

        await page.GetByRole(AriaRole.Link, new() { Name = "Apply or renew" }).ClickAsync();
        await page.GetByLabel("Therapy").SelectOptionAsync("neuromuscular");
        await page.GetByLabel("Issued by").FillAsync("Neuromuscular Therapy Association");
        await page.GetByLabel("Certificate or registration number").FillAsync("NMTA-20931");
        await page.GetByLabel("Issued on").FillAsync("2024-03-15");
        await page.GetByLabel("Valid until").FillAsync("2028-03-14");
        await page.GetByLabel("Certificate", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "nmt-certificate.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%certificate\n%%EOF\n"u8.ToArray(),
        });
        await AssertAccessibleAsync(page, "credentials page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send application" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToContainTextAsync("waiting for review");
        await Assertions.Expect(page.Locator("tr[data-modality='neuromuscular']")).ToHaveAttributeAsync("data-standing", "pending");
        await page.GotoAsync("/therapist/profile");
        await AssertAccessibleAsync(page, "profile editor");
        await page.GotoAsync("/therapist/hours");
        await AssertAccessibleAsync(page, "hours editor");
        var profileUrl = await TherapistProfileUrlAsync(page);

        var admin = await browser.NewPageAsync();
        await admin.GotoAsync("/account/login");
        await admin.GetByLabel("Email").FillAsync("admin@pinpoint.test");
        await admin.GetByLabel("Password").FillAsync("pinpoint-demo-2026");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("account-name")).ToBeVisibleAsync();
        await admin.GotoAsync("/admin/vetting");
        await AssertAccessibleAsync(admin, "vetting queue");
        var item = admin.GetByTestId("pending").Filter(new() { HasText = "Imogen Price" });
        await Assertions.Expect(item).ToContainTextAsync("NMTA-20931");
        await item.GetByLabel("Reason (required to reject)").FillAsync("Checked on the association's register.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("message")).ToContainTextAsync("Approved");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "vetting.png"), FullPage = true });

        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync(profileUrl);
        var badge = visitor.GetByTestId("verified").Locator("[data-modality='neuromuscular']");
        await Assertions.Expect(badge).ToContainTextAsync("Verified: Neuromuscular Therapy (NMT)");
        await Assertions.Expect(visitor.GetByTestId("preview")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(visitor, "public profile");
        await visitor.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "therapist-profile.png"), FullPage = true });
    }

    [Fact]
    public async Task A_therapist_picks_their_home_on_the_map()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync("therapist17@pinpoint.test");
        await page.GetByLabel("Password").FillAsync("pinpoint-demo-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-name")).ToBeVisibleAsync();
        await page.GotoAsync("/therapist/profile");

        var homeBefore = await page.GetByTestId("home").TextContentAsync();
        await page.GetByText("Or type coordinates").ClickAsync();
        var map = page.GetByTestId("area-map");
        var box = await map.BoundingBoxAsync();
        Assert.NotNull(box);
        await map.ClickAsync(new() { Position = new() { X = box.Width * 0.5f, Y = box.Height * 0.5f } });

        var latitude = double.Parse(await page.GetByLabel("Latitude").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var longitude = double.Parse(await page.GetByLabel("Longitude").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(latitude, -38.3, -37.5);
        Assert.InRange(longitude, 144.5, 145.5);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
        // The home moved to the clicked point, and its suburb is the nearest one in the gazetteer.
        await Assertions.Expect(page.GetByTestId("home")).Not.ToHaveTextAsync(homeBefore!);
        await page.GetByText("Or type coordinates").ClickAsync();
        var home = page.Locator(".area-map-home");
        var mapBox = await map.BoundingBoxAsync();
        var homeBox = await home.BoundingBoxAsync();
        Assert.InRange(homeBox!.X + (homeBox.Width / 2) - mapBox!.X, (mapBox.Width * 0.5) - 6, (mapBox.Width * 0.5) + 6);
    }

    private static async Task<string> TherapistProfileUrlAsync(IPage page)
    {
        await page.GotoAsync("/therapist");
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "See your public profile" }).GetAttributeAsync("href");
        Assert.NotNull(href);
        return href;
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{what}:\n{string.Join("\n", violations)}");
    }
}
