using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Pinpoint.Browser.Tests.Infrastructure;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Welfare;

namespace Pinpoint.Browser.Tests;

/// <summary>
/// The operators' live board in Chromium: on a 1024 px tablet the urgent call for help is on top with the numbers to call,
/// a visit moves to "On the way" without a reload, and an alert is acknowledged and closed (a missing note is said by the
/// field); on a 390 px phone it fits. Axe finds nothing serious on either.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WelfareBoardTests(BrowserFixture browser)
{
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

    private Task<Guid> VisitAsync(string therapistEmail, string clientEmail, Duration fromNow, string address) =>
        browser.App.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var start = browser.App.Clock.GetCurrentInstant() + fromNow;
            var clientId = await db.Users.Where(u => u.Email == clientEmail).Select(u => u.Id).SingleAsync();
            var userId = await db.Users.Where(u => u.Email == therapistEmail).Select(u => u.Id).SingleAsync();
            var therapistId = await db.Therapists.Where(t => t.UserId == userId).Select(t => t.Id).SingleAsync();
            var booking = new Booking
            {
                Id = Guid.NewGuid(), ClientUserId = clientId, TherapistId = therapistId, Start = start, End = start + Duration.FromHours(1),
                OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70),
                ClientLatitude = -37.8776, ClientLongitude = 145.0237, Address = address,
            };
            db.Bookings.Add(booking);
            await db.SaveChangesAsync();
            return booking.Id;
        });

    [Fact]
    public async Task The_board_puts_help_on_top_follows_the_visits_and_closes_alerts_on_a_tablet_and_fits_a_phone()
    {
        var now = browser.App.Clock.GetCurrentInstant();
        var silent = await VisitAsync("therapist11@pinpoint.test", "mia.costa@pinpoint.test", Duration.FromMinutes(-25), "27 Bay Road, Sandringham VIC 3191");
        var help = await VisitAsync("therapist12@pinpoint.test", "rajesh.kumar@pinpoint.test", Duration.FromMinutes(-5), "11 Neerim Road, Murrumbeena VIC 3163");
        var upcoming = await VisitAsync("therapist13@pinpoint.test", "lucy.wang@pinpoint.test", Duration.FromMinutes(50), "77 Tucker Road, Bentleigh East VIC 3165");
        await browser.App.Scoped(async s =>
        {
            await s.GetRequiredService<WelfareScan>().RunOnceAsync(now, CancellationToken.None);
            var helper = await s.GetRequiredService<PinpointDb>().Users.Where(u => u.Email == "therapist12@pinpoint.test").Select(u => u.Id).SingleAsync();
            await s.GetRequiredService<WelfareAlerts>().RaiseAsync(help, WelfareConcern.Help, helper, now, CancellationToken.None);
        });

        var tablet = await browser.NewPageAsync(width: 1024, height: 768, touch: true);
        await SignInAsync(tablet, "admin@pinpoint.test");
        await tablet.GetByRole(AriaRole.Link, new() { Name = "Live board" }).First.ClickAsync();
        var cards = tablet.GetByTestId("board-alerts").GetByTestId("board-visit");
        await Assertions.Expect(cards.First).ToHaveAttributeAsync("data-booking", help.ToString());
        await Assertions.Expect(cards.Nth(1)).ToHaveAttributeAsync("data-booking", silent.ToString());
        await Assertions.Expect(cards.Nth(1).GetByTestId("watch")).ToHaveTextAsync("Late: not checked in");
        await Assertions.Expect(cards.First.GetByTestId("therapist-phone")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^tel:\\+61"));
        await Assertions.Expect(cards.First.GetByTestId("client-phone")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("0491 570 117"));
        await Assertions.Expect(tablet.GetByTestId("group-upcoming").Locator($"[data-booking='{upcoming}']")).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(tablet, "live board, 1024 px");
        await ShotAsync(tablet, "live-board-1024");

        // The therapist sets off (on their phone, elsewhere): the board follows without a reload.
        await tablet.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        await browser.App.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var booking = await db.Bookings.SingleAsync(b => b.Id == upcoming);
            booking.Stage = VisitStage.OnTheWay;
            booking.EtaAt = now + Duration.FromMinutes(45);
            await db.SaveChangesAsync();
        });
        await Assertions.Expect(tablet.Locator($"[data-booking='{upcoming}']")).ToHaveAttributeAsync("data-group", "on-the-way", new() { Timeout = 25_000 });
        Assert.True(await tablet.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));

        // Acknowledge the call for help, then close it: first without a note.
        var urgent = tablet.Locator($"#visit-{help}");
        await urgent.GetByTestId("acknowledge").ClickAsync();
        await Assertions.Expect(tablet.GetByTestId("message")).ToContainTextAsync("Acknowledged");
        await tablet.Locator($"#visit-{help}").GetByTestId("close").ClickAsync();
        await Assertions.Expect(tablet.Locator($"#visit-{help}").GetByTestId("note-error")).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(tablet, "live board with a note missing");
        await ShotAsync(tablet, "live-board-note-missing-1024");
        await tablet.Locator($"#visit-{help}").GetByTestId("close-note").FillAsync("Called Sam: a fall on the stairs, not hurt; the client's partner helped. Safe.");
        await tablet.Locator($"#visit-{help}").GetByTestId("close").ClickAsync();
        await Assertions.Expect(tablet.GetByTestId("message")).ToContainTextAsync("Closed");
        await Assertions.Expect(tablet.GetByTestId("board-alerts").Locator($"[data-booking='{help}']")).ToHaveCountAsync(0);

        var phone = await browser.NewPageAsync(width: 390, height: 844, touch: true);
        await SignInAsync(phone, "admin@pinpoint.test");
        await phone.GotoAsync("/admin/live");
        await Assertions.Expect(phone.GetByTestId("board-alerts").Locator($"[data-booking='{silent}']")).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(phone, "live board, 390 px");
        await ShotAsync(phone, "live-board-390");
    }
}
