using System.Net.Http.Json;
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

/// <summary>The operator plans tomorrow for the demo city, reads the proposal and approves it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DayPlanTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_plans_tomorrow_and_approving_confirms_the_window_bookings()
    {
        // The demo seed holds a few requests for tomorrow; one more arrives through the API, as a client's would.
        var zone = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
        var tomorrow = browser.App.Clock.GetCurrentInstant().InZone(zone).Date.PlusDays(1);
        using (var client = await SignedInClientAsync())
        {
            string At(int hour) => NodaTime.Text.OffsetDateTimePattern.Rfc3339.Format(tomorrow.At(new LocalTime(hour, 0)).InZoneStrictly(zone).ToOffsetDateTime());
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
            {
                Content = JsonContent.Create(new { modality = "sports", durationMinutes = 60, windowStart = At(13), windowEnd = At(16), latitude = -37.8220, longitude = 145.0350, address = "Hawthorn" }),
            };
            request.Headers.Add("Idempotency-Key", "browser-window");
            using var response = await client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var requested = await RequestedAsync(tomorrow, zone);
        Assert.True(requested.Count >= 4, $"only {requested.Count} requests to plan");

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync("admin@pinpoint.test");
        await page.GetByLabel("Password").FillAsync("pinpoint-demo-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-name")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan the day" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Date")).ToHaveValueAsync(tomorrow.ToString("yyyy-MM-dd", null));
        await page.GetByTestId("plan-submit").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/plan/[0-9a-f-]+$"));
        // While it plans, the page polls for progress instead of reloading itself (a meta refresh is an axe failure).
        Assert.Equal(0, await page.Locator("meta[http-equiv='refresh']").CountAsync());
        await Assertions.Expect(page.GetByTestId("plan-summary")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("proposed");
        await Assertions.Expect(page.GetByTestId("plan-sketch").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("plan-saved")).ToContainTextAsync("min saved");
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "day-plan.png"), FullPage = true });

        await page.GetByTestId("plan-approve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-message")).ToContainTextAsync("Approved");
        await Assertions.Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("approved");
        await Assertions.Expect(page.GetByTestId("stop-outcome").Filter(new() { HasText = "confirmed" }).First).ToBeVisibleAsync();
        Assert.Empty(await RequestedAsync(tomorrow, zone));
        Assert.Equal(0, await page.GetByTestId("stop-outcome").Filter(new() { HasText = "pending" }).CountAsync());
    }

    private async Task<HttpClient> SignedInClientAsync()
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = browser.BaseAddress };
        var html = await client.GetStringAsync("/account/login");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var login = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = DemoDataSeeder.ClientEmail, ["Input.Password"] = "pinpoint-demo-2026", ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token),
        }));
        return client;
    }

    private Task<List<Booking>> RequestedAsync(LocalDate day, DateTimeZone zone) =>
        browser.App.Scoped(async s =>
        {
            var from = day.AtStartOfDayInZone(zone).ToInstant();
            var to = day.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
            return await s.GetRequiredService<PinpointDb>().Bookings.AsNoTracking()
                .Where(b => b.Status == BookingStatus.Requested && b.WindowStart >= from && b.WindowStart < to).ToListAsync();
        });
}
