using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Pinpoint.Browser.Tests.Infrastructure;
using Pinpoint.Core.Clinical;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Clinical;
using Pinpoint.Web.Features.Intake;

namespace Pinpoint.Browser.Tests;

/// <summary>A client with three completed sessions sees their pain chart (drawn by Chart.js) with the table beside it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProgressTests(BrowserFixture browser)
{
    private const string Email = "pat.progress@example.com";
    private const string Password = "steady-improvement-7";

    [Fact]
    public async Task A_client_with_three_sessions_sees_the_pain_chart_and_its_table()
    {
        var now = browser.App.Clock.GetCurrentInstant();
        await browser.App.Scoped(async s =>
        {
            var users = s.GetRequiredService<UserManager<PinpointUser>>();
            var user = new PinpointUser { UserName = Email, Email = Email, DisplayName = "Pat Progress", CreatedAt = now };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Client)).Succeeded);
            var db = s.GetRequiredService<PinpointDb>();
            var therapistId = await db.Therapists.Where(t => t.DisplayName == "Daniel Okafor").Select(t => t.Id).SingleAsync();
            var pains = new[] { (7, 4), (5, 3), (3, 1) };
            for (var i = 0; i < pains.Length; i++)
            {
                var end = now - Duration.FromDays(21 - (7 * i));
                var booking = new Booking
                {
                    Id = Guid.NewGuid(), ClientUserId = user.Id, TherapistId = therapistId, Start = end - Duration.FromHours(1), End = end,
                    OccupiedStart = end - Duration.FromMinutes(70), OccupiedEnd = end + Duration.FromMinutes(10), Status = BookingStatus.Completed,
                };
                db.Bookings.Add(booking);
                db.Add(new SessionNoteRecord
                {
                    Id = Guid.NewGuid(), BookingId = booking.Id, TherapistId = therapistId, ClientUserId = user.Id, UpdatedBy = user.Id, CreatedAt = end, UpdatedAt = end,
                    SignedAt = end, ContentJson = IntakeJson.Write(new SoapNote { PainBefore = pains[i].Item1, PainAfter = pains[i].Item2 }),
                });
            }

            await db.SaveChangesAsync();
        });

        var page = await browser.NewPageAsync(width: 1024, height: 900);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-name")).ToBeVisibleAsync();
        await page.GotoAsync("/bookings");
        await page.GetByTestId("progress-link").ClickAsync();

        await Assertions.Expect(page.GetByTestId("pain-table").Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".chart-box[data-drawn='true']")).ToHaveCountAsync(1);
        var points = await page.EvaluateAsync<int[]>("() => Chart.getChart(document.querySelector('canvas[data-chart-for=\"pain-table\"]')).data.datasets.map(d => d.data.length)");
        Assert.Equal([3, 3], points);
        await Assertions.Expect(page.GetByTestId("pain-reading")).ToContainTextAsync("improved by 4 points");
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "progress-pain-chart.png"), FullPage = true });
    }
}
