using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Pinpoint.Browser.Tests.Infrastructure;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Seeding;
using Pinpoint.Web.Features.Booking;

namespace Pinpoint.Browser.Tests;

/// <summary>
/// A therapist writes up today's visit on a phone — two trigger points placed on the body chart, the note signed, a
/// stretch prescribed — and the client reads the summary and ticks the stretch off.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClinicalJourneyTests(BrowserFixture browser)
{
    private const string TherapistEmail = "therapist07@pinpoint.test";

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("pinpoint-demo-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-name")).ToBeVisibleAsync();
    }

    private static async Task AssertFitsAndAccessibleAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{what} is {overflow}px wider than the screen");
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{what}:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public async Task A_note_for_a_visit_that_has_not_started_can_be_drafted_but_not_signed()
    {
        var start = browser.App.Clock.GetCurrentInstant() + Duration.FromDays(3);
        var bookingId = Guid.NewGuid();
        await browser.App.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var clientId = await db.Users.Where(u => u.Email == DemoDataSeeder.ClientEmail).Select(u => u.Id).SingleAsync();
            var userId = await db.Users.Where(u => u.Email == TherapistEmail).Select(u => u.Id).SingleAsync();
            var therapistId = await db.Therapists.Where(t => t.UserId == userId).Select(t => t.Id).SingleAsync();
            db.Bookings.Add(new Booking
            {
                Id = bookingId, ClientUserId = clientId, TherapistId = therapistId, Start = start, End = start + Duration.FromHours(1),
                OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70), Address = "3 Rathdowne St, Carlton",
            });
            await db.SaveChangesAsync();
        });
        var therapist = await browser.NewPageAsync(width: 390, height: 844, touch: true);
        await SignInAsync(therapist, TherapistEmail);

        await therapist.GotoAsync($"/therapist/visits/{bookingId}/note");

        await Assertions.Expect(therapist.GetByTestId("sign-later")).ToContainTextAsync("You can sign once the visit has started");
        await Assertions.Expect(therapist.GetByRole(AriaRole.Button, new() { Name = "Sign and lock" })).ToHaveCountAsync(0);
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).TapAsync();
        await Assertions.Expect(therapist.GetByTestId("note-message")).ToContainTextAsync("Draft saved");
        await Assertions.Expect(therapist.GetByTestId("locked-note")).ToHaveCountAsync(0);
        await AssertFitsAndAccessibleAsync(therapist, "a note before the visit");
    }

    [Fact]
    public async Task A_therapist_charts_signs_and_prescribes_and_the_client_reads_and_ticks()
    {
        var now = browser.App.Clock.GetCurrentInstant();
        var bookingId = Guid.NewGuid();
        await browser.App.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var clientId = await db.Users.Where(u => u.Email == DemoDataSeeder.ClientEmail).Select(u => u.Id).SingleAsync();
            var userId = await db.Users.Where(u => u.Email == TherapistEmail).Select(u => u.Id).SingleAsync();
            var therapistId = await db.Therapists.Where(t => t.UserId == userId).Select(t => t.Id).SingleAsync();
            var start = now - Duration.FromMinutes(90);
            db.Bookings.Add(new Booking
            {
                Id = bookingId, ClientUserId = clientId, TherapistId = therapistId, Start = start, End = start + Duration.FromHours(1),
                OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70), Address = "3 Rathdowne St, Carlton",
            });
            await db.SaveChangesAsync();
        });

        var therapist = await browser.NewPageAsync(width: 375, height: 800, touch: true);
        await SignInAsync(therapist, TherapistEmail);
        await therapist.GetByTestId("menu-toggle").ClickAsync(); // a phone's header keeps its links behind Menu
        await therapist.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My schedule" }).ClickAsync();
        await therapist.Locator($"[data-booking='{bookingId}'] [data-testid='note-link']").ClickAsync();
        await Assertions.Expect(therapist).ToHaveURLAsync(new Regex($"/therapist/visits/{bookingId}/note$"));

        // First point: on the back view, tap the top of the left shoulder.
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Back" }).TapAsync();
        await therapist.Locator("[data-note-chart] path[data-region='upper-trapezius-ridge-left']").TapAsync();
        await Assertions.Expect(therapist.GetByLabel("Where on the body")).ToHaveValueAsync("upper-trapezius-ridge-left");
        await therapist.GetByLabel("Muscle", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Upper trapezius" });
        await therapist.GetByLabel("Tenderness (0–10)").FillAsync("7");
        await therapist.GetByLabel("Pressing it reproduced the familiar pain").CheckAsync();
        await therapist.GetByLabel("Ischemic compression (sustained pressure)").CheckAsync();
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).TapAsync();
        await Assertions.Expect(therapist.GetByTestId("note-message")).ToContainTextAsync("Draft saved");

        // Second point: on the front view, the left side of the neck.
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Front" }).TapAsync();
        await therapist.Locator("[data-note-chart] path[data-region='side-of-neck-left']").TapAsync();
        await therapist.GetByLabel("Muscle", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Levator scapulae" });
        await therapist.GetByLabel("Latent (tender; refers only when pressed)").CheckAsync();
        await therapist.GetByLabel("Pin and stretch").CheckAsync();
        await therapist.GetByLabel("What the client reports today").FillAsync("Left temple headache most afternoons, worse after long days at the desk.");
        await therapist.GetByLabel("Pain before (0–10)").FillAsync("6");
        await therapist.GetByLabel("Assessment", new() { Exact = true }).FillAsync("Active upper trapezius point reproducing the temple headache; latent levator scapulae.");
        await therapist.GetByLabel("Plan", new() { Exact = true }).FillAsync("Weekly for four weeks; self-release and chin tucks.");
        await therapist.GetByLabel("Pain after (0–10)").FillAsync("3");
        await therapist.GetByLabel("For the client, in plain words (they see this)").FillAsync("The knot at the top of your left shoulder was sending pain to your temple.");
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Sign and lock" }).TapAsync();
        await Assertions.Expect(therapist.GetByTestId("note-message")).ToContainTextAsync("Signed");
        await Assertions.Expect(therapist.GetByTestId("findings").Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(therapist.Locator("[data-note-chart] path.is-selected")).ToHaveCountAsync(2);

        await therapist.GetByLabel("Exercise", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Upper trapezius: self-release and stretch" });
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Prescribe" }).TapAsync();
        await Assertions.Expect(therapist.GetByTestId("prescribed")).ToContainTextAsync("Hold 30 s × 3, twice a day, for 14 days");
        await AssertFitsAndAccessibleAsync(therapist, "signed note");
        await therapist.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "session-note-375.png"), FullPage = true });

        var client = await browser.NewPageAsync(width: 375, height: 800, touch: true);
        await SignInAsync(client, DemoDataSeeder.ClientEmail);
        await client.GotoAsync($"/bookings/{bookingId}/summary");
        await Assertions.Expect(client.GetByTestId("headline")).ToContainTextAsync("found and treated 2 trigger points");
        await Assertions.Expect(client.GetByTestId("from-therapist")).ToContainTextAsync("top of your left shoulder");
        await Assertions.Expect(client.GetByTestId("summary")).Not.ToContainTextAsync("Weekly for four weeks");
        await AssertFitsAndAccessibleAsync(client, "session summary");

        await client.GotoAsync("/home-care");
        var stretch = client.GetByTestId("exercise").Filter(new() { HasText = "Upper trapezius: self-release and stretch" });
        await stretch.GetByLabel("Today").CheckAsync();
        await stretch.GetByRole(AriaRole.Button, new() { Name = "Save" }).TapAsync();
        await Assertions.Expect(client.GetByTestId("message")).ToContainTextAsync("Saved");
        await Assertions.Expect(client.GetByTestId("exercise").Filter(new() { HasText = "Upper trapezius" }).GetByLabel("Today")).ToBeCheckedAsync();
        await AssertFitsAndAccessibleAsync(client, "home care");
    }
}
