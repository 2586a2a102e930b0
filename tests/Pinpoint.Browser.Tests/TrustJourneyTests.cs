using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Pinpoint.Browser.Tests.Infrastructure;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Trust;

namespace Pinpoint.Browser.Tests;

/// <summary>
/// Two-way trust on a 390 px phone: a therapist closes a visit, rates the client privately and blocks them; the client is
/// then not offered that therapist; an operator suspends the client, who is told only to contact us. Every new page is
/// audited with axe at 390 px and at 1280 px, and photographed at both.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrustJourneyTests(BrowserFixture browser)
{
    private const string TherapistEmail = "therapist05@pinpoint.test"; // Sofia Rossi, St Kilda
    private const string ClientEmail = "kate.sullivan@pinpoint.test"; // Ormond
    private const string Password = "pinpoint-demo-2026";

    [Fact]
    public async Task A_therapist_rates_and_blocks_a_client_after_a_visit_and_an_operator_suspends_the_client_on_a_phone()
    {
        var (visitId, therapistId) = await ArrangeVisitAsync();
        var slotsWithSofia = $"/book/slots?modality=neuromuscular&minutes=60&address=Ormond%203204&date=2026-11-26&therapist={therapistId}";
        var client = await SignedInAsync(await Phone(), ClientEmail);
        await client.GotoAsync(slotsWithSofia);
        await Assertions.Expect(client.GetByTestId("slots")).ToBeVisibleAsync(); // offered before the block

        // The therapist closes the visit on the schedule, then rates the client from it.
        var page = await SignedInAsync(await Phone(), TherapistEmail);
        await page.GetByTestId("menu-toggle").TapAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My schedule" }).TapAsync();
        var visit = page.Locator($"li[data-booking='{visitId}']");
        await visit.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("message")).ToContainTextAsync("marked completed");
        await visit.GetByTestId("rate-link").TapAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/therapist/visits/{visitId}/rate$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("How was the visit with Kate Sullivan?");
        await AuditAsync(page, "rate form", "trust-rate-390");

        await page.GetByRole(AriaRole.Radio, new() { Name = "2 Poor", Exact = true }).CheckAsync();
        await page.GetByLabel("Private note (optional)").FillAsync("Argued about the fee at the door and would not let me set up.");
        await page.GetByLabel("I don't want to see this client again").CheckAsync();
        await page.GetByTestId("send-rating").TapAsync();
        await Assertions.Expect(page.GetByTestId("message")).ToContainTextAsync("won't be offered your times again");
        await Assertions.Expect(page.GetByTestId("rated")).ToContainTextAsync("2 of 5");
        await Assertions.Expect(page.GetByTestId("blocked")).ToBeVisibleAsync();
        await AuditAsync(page, "rated", "trust-rated-390");

        await page.GetByRole(AriaRole.Link, new() { Name = "Blocked clients" }).First.TapAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/therapist/blocked$"));
        await Assertions.Expect(page.GetByTestId("blocks")).ToContainTextAsync("Kate Sullivan");
        await AuditAsync(page, "blocked clients", "trust-blocked-390");

        // The same pages on a desktop.
        var desktop = await SignedInAsync(await browser.NewPageAsync(), TherapistEmail);
        await desktop.GotoAsync($"/therapist/visits/{visitId}/rate");
        await AuditAsync(desktop, "rated (desktop)", "trust-rated-1280");
        await desktop.GotoAsync("/therapist/blocked");
        await AuditAsync(desktop, "blocked clients (desktop)", "trust-blocked-1280");

        // The client: Sofia's times are gone, in the words of any day without times.
        await client.GotoAsync(slotsWithSofia);
        await Assertions.Expect(client.GetByTestId("no-slots")).ToBeVisibleAsync();
        Assert.DoesNotContain("block", await client.Locator("main").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await AuditAsync(client, "slots without the blocking therapist", "trust-client-slots-390");

        // The operator reads the rating and suspends the client.
        var admin = await SignedInAsync(await Phone(), "admin@pinpoint.test");
        await admin.GotoAsync("/admin/clients");
        await Assertions.Expect(admin.GetByTestId("flagged")).ToContainTextAsync("Kate Sullivan");
        await AuditAsync(admin, "clients", "trust-admin-clients-390");
        await admin.GetByTestId("flagged").GetByRole(AriaRole.Link, new() { Name = "Kate Sullivan" }).TapAsync();
        await Assertions.Expect(admin.GetByTestId("ratings")).ToContainTextAsync("Argued about the fee");
        await Assertions.Expect(admin.GetByTestId("blocks")).ToContainTextAsync("Sofia Rossi");
        await admin.GetByLabel("Reason for suspending (operators only; the client is not told)").FillAsync("Two therapists reported abuse at the door.");
        await admin.GetByTestId("suspend").TapAsync();
        await Assertions.Expect(admin.GetByTestId("suspended")).ToBeVisibleAsync();
        await AuditAsync(admin, "client record, suspended", "trust-admin-client-390");
        var adminDesktop = await SignedInAsync(await browser.NewPageAsync(), "admin@pinpoint.test");
        await adminDesktop.GotoAsync("/admin/clients");
        await AuditAsync(adminDesktop, "clients (desktop)", "trust-admin-clients-1280");
        await adminDesktop.GetByTestId("flagged").GetByRole(AriaRole.Link, new() { Name = "Kate Sullivan" }).ClickAsync();
        await AuditAsync(adminDesktop, "client record (desktop)", "trust-admin-client-1280");

        // The suspended client is told neutrally where booking starts.
        await client.GotoAsync("/book");
        await Assertions.Expect(client.GetByTestId("not-taking-bookings")).ToHaveTextAsync(ClientStanding.NotTakingBookings);
        Assert.DoesNotContain("abuse", await client.Locator("main").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await AuditAsync(client, "book, suspended", "trust-client-suspended-390");

        // Reinstated, so the shared demo data is as it was for the pages other tests walk.
        await admin.GetByTestId("reinstate").TapAsync();
        await Assertions.Expect(admin.GetByTestId("open")).ToBeVisibleAsync();
    }

    private Task<IPage> Phone() => browser.NewPageAsync(width: 390, height: 844, touch: true);

    private static async Task<IPage> SignedInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-name")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>axe finds nothing serious, nothing scrolls sideways, and the page is photographed whole.</summary>
    private static async Task AuditAsync(IPage page, string what, string screenshot)
    {
        // Against the viewport asked for: a phone's emulation widens window.innerWidth to fit wide content.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") - page.ViewportSize!.Width;
        Assert.True(overflow <= 0, $"{what} is {overflow}px wider than the screen");
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{what}:\n{string.Join("\n", violations)}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{screenshot}.png"), FullPage = true });
    }

    /// <summary>A visit of Kate Sullivan with Sofia Rossi that started yesterday, still to be closed.</summary>
    private async Task<(Guid Visit, Guid Therapist)> ArrangeVisitAsync() =>
        await browser.App.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var clientId = await db.Users.Where(u => u.Email == ClientEmail).Select(u => u.Id).SingleAsync();
            var userId = await db.Users.Where(u => u.Email == TherapistEmail).Select(u => u.Id).SingleAsync();
            var therapistId = await db.Therapists.Where(t => t.UserId == userId).Select(t => t.Id).SingleAsync();
            var start = browser.App.Clock.GetCurrentInstant() - Duration.FromHours(25);
            var booking = new Booking
            {
                ClientUserId = clientId, TherapistId = therapistId, Modality = Pinpoint.Core.Catalogue.Modality.Neuromuscular, Start = start, End = start + Duration.FromHours(1),
                OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70),
                ClientLatitude = -37.9030, ClientLongitude = 145.0390, Address = "30 Katandra Road, Ormond VIC 3204",
            };
            db.Bookings.Add(booking);
            await db.SaveChangesAsync();
            return (booking.Id, therapistId);
        });
}
