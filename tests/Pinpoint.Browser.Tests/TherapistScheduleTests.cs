using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Pinpoint.Browser.Tests.Infrastructure;
using Pinpoint.Core.Screening;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Seeding;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Intake;

namespace Pinpoint.Browser.Tests;

/// <summary>The therapist's schedule on a phone: readable at 375 px, no axe violations, the forms usable by label.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TherapistScheduleTests(BrowserFixture browser)
{
    private const string Email = "therapist06@pinpoint.test";

    [Fact]
    public async Task A_therapist_closes_a_past_visit_and_cancels_an_upcoming_one_on_a_phone()
    {
        var now = browser.App.Clock.GetCurrentInstant();
        await browser.App.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var clientId = await db.Users.Where(u => u.Email == DemoDataSeeder.ClientEmail).Select(u => u.Id).SingleAsync();
            var userId = await db.Users.Where(u => u.Email == Email).Select(u => u.Id).SingleAsync();
            var therapistId = await db.Therapists.Where(t => t.UserId == userId).Select(t => t.Id).SingleAsync();
            var screening = new ScreeningResult(ScreeningOutcome.Caution,
                [new RuleResult("anticoagulants", ScreeningOutcome.Caution, "Blood thinners", "", "Gentle pressure only.", [TreatmentConstraint.GentlePressureOnly], [])]);
            foreach (var start in new[] { now - Duration.FromHours(26), now + Duration.FromHours(30) })
            {
                db.Bookings.Add(new Booking
                {
                    ClientUserId = clientId, TherapistId = therapistId, Start = start, End = start + Duration.FromHours(1),
                    OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70),
                    Address = "12 Very Long Street Name Parade, North Melbourne VIC 3051", ScreeningJson = IntakeJson.Write(screening),
                    PainJson = """{"regions":[{"id":"temple-left","intensity":6},{"id":"back-of-neck-left","intensity":4}],"symptoms":["headache"]}""",
                });
            }

            await db.SaveChangesAsync();
        });
        var page = await browser.NewPageAsync(width: 375, height: 800, touch: true);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync("pinpoint-demo-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("account-name")).ToBeVisibleAsync();

        await page.GetByTestId("menu-toggle").TapAsync(); // a phone's header keeps its links behind Menu
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My schedule" }).TapAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/therapist/schedule$"));
        await Assertions.Expect(page.GetByTestId("cautions")).ToContainTextAsync("Blood thinners");
        await Assertions.Expect(page.GetByTestId("marked-pain")).ToContainTextAsync("Left temple, Left back of the neck");
        await page.Locator("summary", new() { HasText = "Cancel visit" }).TapAsync();
        await AssertFitsAndAccessibleAsync(page, "schedule");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "therapist-schedule-375.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("message")).ToContainTextAsync("marked completed");

        await page.Locator("summary", new() { HasText = "Cancel visit" }).TapAsync();
        await page.GetByLabel("Reason (the client sees it)").FillAsync("Unwell today");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel visit" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("message")).ToContainTextAsync("is cancelled");
        await Assertions.Expect(page.GetByTestId("no-upcoming")).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(page, "schedule after changes");

        // The private calendar feed, from the dashboard.
        await page.GotoAsync("/therapist");
        await page.GetByTestId("make-calendar-link").TapAsync();
        await Assertions.Expect(page.GetByTestId("calendar-link")).ToHaveValueAsync(new Regex("/calendar/.+\\.ics$"));
        await AssertFitsAndAccessibleAsync(page, "dashboard");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "therapist-dashboard-375.png"), FullPage = true });
    }

    private static async Task AssertFitsAndAccessibleAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{what} is {overflow}px wider than a 375px screen");
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{what}:\n{string.Join("\n", violations)}");
    }
}
