using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Pinpoint.Browser.Tests.Infrastructure;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;

namespace Pinpoint.Browser.Tests;

/// <summary>
/// The visit day in Chromium: a therapist on a 390 px phone taps through today's visit from the day view — on the way
/// (sharing the phone's position), running late, arrived, session finished, completed — while the client's live page,
/// open on a desktop, follows each step without reloading. Both pages pass axe and fit their screens.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VisitDayJourneyTests(BrowserFixture browser)
{
    private const string TherapistEmail = "therapist10@pinpoint.test";
    private const string ClientEmail = "hannah.levi@pinpoint.test";

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

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}.png"), FullPage = true });

    [Fact]
    public async Task The_clients_live_page_follows_the_therapist_tapping_through_the_visit_on_a_phone()
    {
        var start = browser.App.Clock.GetCurrentInstant() + Duration.FromMinutes(30);
        var bookingId = Guid.NewGuid();
        await browser.App.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var clientId = await db.Users.Where(u => u.Email == ClientEmail).Select(u => u.Id).SingleAsync();
            var userId = await db.Users.Where(u => u.Email == TherapistEmail).Select(u => u.Id).SingleAsync();
            var therapistId = await db.Therapists.Where(t => t.UserId == userId).Select(t => t.Id).SingleAsync();
            db.Bookings.Add(new Booking
            {
                Id = bookingId, ClientUserId = clientId, TherapistId = therapistId, Start = start, End = start + Duration.FromHours(1),
                OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70),
                ClientLatitude = -37.8776, ClientLongitude = 145.0237, Address = "52 Hawthorn Road, Caulfield North VIC 3161",
            });
            await db.SaveChangesAsync();
        });

        // The client, on a desktop, opens the live page from My bookings and keeps it open.
        var client = await browser.NewPageAsync();
        await SignInAsync(client, ClientEmail);
        await client.GotoAsync("/bookings");
        await client.Locator($"[data-booking='{bookingId}']").GetByTestId("live-link").ClickAsync();
        await Assertions.Expect(client).ToHaveURLAsync(new Regex($"/bookings/{bookingId}/live$"));
        await Assertions.Expect(client.GetByTestId("live-stage")).ToHaveTextAsync("Booked");
        await Assertions.Expect(client.GetByTestId("live-visit")).ToHaveAttributeAsync("data-transport", "stream");
        await client.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        await AssertFitsAndAccessibleAsync(client, "live page, booked");
        await ShotAsync(client, "visit-live-booked-1280");

        // The therapist, on a phone that will share its position (Glen Huntly, about 3 km away).
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 390, Height = 844 }, HasTouch = true, IsMobile = true,
            Geolocation = new Geolocation { Latitude = -37.8890f, Longitude = 145.0420f, Accuracy = 15 }, Permissions = ["geolocation"],
        });
        var phone = await context.NewPageAsync();
        await SignInAsync(phone, TherapistEmail);
        await phone.GotoAsync($"/therapist/visits/{bookingId}");
        await phone.GetByTestId("share-position").CheckAsync();
        await AssertFitsAndAccessibleAsync(phone, "visit page, booked");
        await ShotAsync(phone, "visit-page-booked-390");

        await phone.GotoAsync("/therapist/day");
        var card = phone.Locator($"[data-booking='{bookingId}']");
        var onTheWay = card.GetByTestId("tap-setoff");
        Assert.True((await onTheWay.BoundingBoxAsync())!.Height >= 56, "the button is a large target");
        await AssertFitsAndAccessibleAsync(phone, "day view with the buttons");
        await ShotAsync(phone, "visit-day-view-390");
        await onTheWay.TapAsync();

        await Assertions.Expect(phone.GetByTestId("message")).ToContainTextAsync("You're on the way.");
        await Assertions.Expect(client.GetByTestId("live-stage")).ToHaveTextAsync("On the way");
        await Assertions.Expect(client.GetByTestId("live-headline")).ToContainTextAsync("is on the way");
        await Assertions.Expect(client.GetByTestId("live-position")).ToContainTextAsync("km from you");
        await AssertFitsAndAccessibleAsync(phone, "visit page, on the way");
        await ShotAsync(phone, "visit-page-on-the-way-390");
        await ShotAsync(client, "visit-live-on-the-way-1280");

        // Running late: a new time, and the client reads it.
        var later = start.InZone(DateTimeZoneProviders.Tzdb["Australia/Melbourne"]) .PlusMinutes(20).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await phone.GetByLabel(new Regex("New arrival time")).FillAsync(later);
        await phone.GetByTestId("tap-late").TapAsync();
        await Assertions.Expect(phone.GetByTestId("message")).ToContainTextAsync("is told by email");
        await Assertions.Expect(client.GetByTestId("live-headline")).ToContainTextAsync("running late");

        await phone.GetByTestId("tap-arrive").TapAsync();
        await Assertions.Expect(phone.GetByTestId("stage")).ToHaveTextAsync("Arrived");
        await Assertions.Expect(client.GetByTestId("live-stage")).ToHaveTextAsync("Arrived");
        await Assertions.Expect(client.GetByTestId("live-position")).ToBeHiddenAsync();
        await ShotAsync(client, "visit-live-arrived-1280");

        await phone.GetByTestId("tap-checkout").TapAsync();
        await Assertions.Expect(client.GetByTestId("live-stage")).ToHaveTextAsync("Session finished");
        await phone.GetByTestId("tap-complete").TapAsync();
        await Assertions.Expect(phone.GetByTestId("message")).ToContainTextAsync("completed");
        await AssertFitsAndAccessibleAsync(phone, "visit page, completed");
        await ShotAsync(phone, "visit-page-completed-390");

        // The client's page followed every step by itself: still the same page, never reloaded.
        Assert.True(await client.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        await Assertions.Expect(client.GetByTestId("live-headline")).ToContainTextAsync("has finished the session");
        await AssertFitsAndAccessibleAsync(client, "live page, finished");
        await ShotAsync(client, "visit-live-finished-1280");

        // The same page on the client's phone, after the fact: it says what happened and when.
        var clientPhone = await browser.NewPageAsync(width: 390, height: 844, touch: true);
        await SignInAsync(clientPhone, ClientEmail);
        await clientPhone.GotoAsync($"/bookings/{bookingId}/live");
        await Assertions.Expect(clientPhone.GetByTestId("live-stage")).ToHaveTextAsync("Completed");
        await AssertFitsAndAccessibleAsync(clientPhone, "live page on a phone, completed");
        await ShotAsync(clientPhone, "visit-live-completed-390");
    }
}
