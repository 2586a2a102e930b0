using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Pinpoint.Browser.Tests.Infrastructure;
using Pinpoint.Web.Data;

namespace Pinpoint.Browser.Tests;

/// <summary>From "Where does it hurt?" to a confirmed visit, on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BookingJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_new_client_books_in_four_screens_on_a_phone_and_the_therapist_then_sees_where_it_hurts()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844, touch: true);
        await page.GotoAsync("/where-does-it-hurt?regions=temple-left:6,back-of-neck-left:5");
        var screens = new List<string>();
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                screens.Add(new Uri(frame.Url).AbsolutePath);
            }
        };
        await page.GetByTestId("book-session").TapAsync();

        // 1: therapy, length, address, day.
        await Assertions.Expect(page.GetByTestId("kept-region")).ToHaveCountAsync(2);
        await page.GetByLabel("Your address, suburb or postcode").FillAsync("45 Brunswick Street, Fitzroy");
        await AssertAccessibleAsync(page, "booking step 1");
        await Assertions.Expect(page.GetByTestId("therapy-prices").First).ToContainTextAsync("60 min $");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "book-step1-phone.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Find a time" }).TapAsync();

        // 2: a time with a therapist.
        await Assertions.Expect(page.GetByTestId("slot").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "booking slots");
        await Assertions.Expect(page.GetByTestId("slot-price").First).ToContainTextAsync("AUD");
        await page.GetByTestId("slots").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "slots-phone.png") });
        await page.GetByTestId("slot").First.TapAsync();

        // 3: review and checkout: the street typed at step 1 is in Fitzroy, and the account is opened here.
        await Assertions.Expect(page.GetByTestId("review")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("policy")).ToContainTextAsync("24 hours");
        await Assertions.Expect(page.GetByTestId("review-pain")).ToContainTextAsync("Left temple, Left back of the neck");
        await Assertions.Expect(page.GetByLabel("Street number")).ToHaveValueAsync("45");
        await Assertions.Expect(page.GetByLabel("Street", new() { Exact = true })).ToHaveValueAsync("Brunswick Street");
        await Assertions.Expect(page.GetByLabel("Suburb")).ToHaveValueAsync("Fitzroy");
        await Assertions.Expect(page.GetByLabel("Postcode")).ToHaveValueAsync("3065");
        await page.GetByLabel("How to get in (optional)").FillAsync("Side gate; the dog is friendly.");
        var email = $"jordan.{Guid.NewGuid():N}@example.test";
        await page.GetByLabel("Your name").FillAsync("Jordan Lee");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Mobile number").FillAsync("0412 345 678");
        await page.GetByLabel("Choose a password").FillAsync("gentle-pressure-42");
        await AssertAccessibleAsync(page, "booking review");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "review-phone.png"), FullPage = true });
        await page.GetByTestId("confirm").TapAsync();

        // 4: confirmed, and listed.
        await Assertions.Expect(page.GetByTestId("confirmed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("upcoming").Locator("li")).ToHaveCountAsync(1);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{overflow}px sideways scroll on a phone");
        await AssertAccessibleAsync(page, "my bookings");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "booked-phone.png"), FullPage = true });
        Assert.True(screens.Count <= 4, $"{screens.Count} screens: {string.Join(" → ", screens)}");
        Assert.Equal(["/book", "/book/slots", "/book/review", "/bookings"], screens);

        // The therapist of the visit sees the marked regions, the number to call and how to get in.
        var (therapistEmail, date) = await browser.App.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var clientId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var booking = await db.Bookings.Where(b => b.ClientUserId == clientId).SingleAsync();
            var therapistUser = await db.Therapists.Where(t => t.Id == booking.TherapistId).Select(t => t.UserId).SingleAsync();
            var therapistEmail = await db.Users.Where(u => u.Id == therapistUser).Select(u => u.Email).SingleAsync();
            return (therapistEmail!, booking.Start!.Value.InZone(DateTimeZoneProviders.Tzdb["Australia/Melbourne"]).Date);
        });
        var therapist = await browser.NewPageAsync(width: 390, height: 844, touch: true);
        await therapist.GotoAsync("/account/login");
        await therapist.GetByLabel("Email").FillAsync(therapistEmail);
        await therapist.GetByLabel("Password").FillAsync("pinpoint-demo-2026");
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Log in" }).TapAsync();
        await Assertions.Expect(therapist.GetByTestId("account-name")).ToBeVisibleAsync();
        await therapist.GotoAsync($"/therapist/day?date={date:yyyy-MM-dd}");
        var visit = therapist.Locator(".day-visit").Filter(new() { HasText = "Jordan Lee" });
        await Assertions.Expect(visit).ToContainTextAsync("Left temple");
        await Assertions.Expect(visit.GetByTestId("client-mobile")).ToHaveAttributeAsync("href", "tel:+61412345678");
        await Assertions.Expect(visit.GetByTestId("access-notes")).ToContainTextAsync("Side gate; the dog is friendly.");
        await AssertAccessibleAsync(therapist, "therapist's day");
        await therapist.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "therapist-day-after-booking-phone.png"), FullPage = true });
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{what}:\n{string.Join("\n", violations)}");
    }
}
