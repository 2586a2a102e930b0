using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;
using static Pinpoint.Web.Tests.Features.Welfare.WelfareData;

namespace Pinpoint.Web.Tests.Features.Welfare;

/// <summary>
/// The operators' live board on both databases: today's visits grouped by how they stand, moving as the therapist taps;
/// alerts on top, help first; the numbers to call and the address; an alert stays after a late check-in until closed.
/// </summary>
public sealed class LiveBoardTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static async Task<JsonElement> BoardAsync(HttpClient admin) => await JsonAsync(admin.GetAsync("/api/admin/live"), HttpStatusCode.OK);

    /// <summary>The group the board shows the visit in: "alerts" when it is on top, else its group's key; null when absent.</summary>
    private static string? GroupOf(JsonElement board, Guid id) =>
        board.GetProperty("alerts").EnumerateArray().Any(v => v.GetProperty("bookingId").GetGuid() == id) ? "alerts"
        : board.GetProperty("groups").EnumerateArray()
            .Where(g => g.GetProperty("visits").EnumerateArray().Any(v => v.GetProperty("bookingId").GetGuid() == id))
            .Select(g => g.GetProperty("key").GetString()).SingleOrDefault();

    private static Task TapAsync(Visit visit, string step) =>
        JsonAsync(visit.Therapist.PostAsync($"/api/bookings/{visit.Id}/visit/{step}", null), HttpStatusCode.OK);

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_visit_moves_between_the_groups_as_the_therapist_taps(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var admin = await app.ClientForAsync(Principal.Admin);
        var visit = await VisitAsync(app, 20, Duration.FromMinutes(45));
        var late = await VisitAsync(app, 21, Duration.FromMinutes(-5));

        Assert.Equal("upcoming", GroupOf(await BoardAsync(admin), visit.Id));
        Assert.Equal("late", GroupOf(await BoardAsync(admin), late.Id));
        await TapAsync(visit, "set-off");
        Assert.Equal("on-the-way", GroupOf(await BoardAsync(admin), visit.Id));
        await TapAsync(visit, "arrive");
        Assert.Equal("in-session", GroupOf(await BoardAsync(admin), visit.Id));
        await TapAsync(late, "arrive");
        app.Clock.Advance(Duration.FromMinutes(56)); // the late visit's booked end has passed, its therapist still inside
        Assert.Equal("overdue-check-out", GroupOf(await BoardAsync(admin), late.Id));
        await TapAsync(visit, "check-out");
        Assert.Equal("finished", GroupOf(await BoardAsync(admin), visit.Id));
        using var completed = await visit.Therapist.PostAsync($"/api/bookings/{visit.Id}/complete", null);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("closed", GroupOf(await BoardAsync(admin), visit.Id));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_board_page_shows_who_to_call_the_address_and_the_open_alerts_help_first(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var admin = await app.ClientForAsync(Principal.Admin);
        var silent = await VisitAsync(app, 22, Duration.FromMinutes(-20));
        var help = await VisitAsync(app, 23, Duration.FromMinutes(10));
        await ScanAsync(app, app.Clock.GetCurrentInstant());
        await JsonAsync(help.Therapist.PostAsync($"/api/bookings/{help.Id}/visit/help", null), HttpStatusCode.OK);
        var therapistMobile = await Db(app, db => db.Users.Where(u => u.Email == silent.TherapistEmail).Select(u => u.PhoneNumber).SingleAsync());

        var html = await admin.GetStringAsync("/admin/live");
        var board = await BoardAsync(admin);

        var alerted = board.GetProperty("alerts").EnumerateArray().Select(v => v.GetProperty("bookingId").GetGuid()).ToList();
        Assert.True(alerted.IndexOf(help.Id) >= 0 && alerted.IndexOf(help.Id) < alerted.IndexOf(silent.Id), string.Join(", ", alerted));
        var card = Card(html, silent.Id);
        Assert.Contains($"href=\"tel:{therapistMobile}\"", card, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:+61412345678\"", card, StringComparison.Ordinal); // the client's
        Assert.Contains("0412 345 678", card, StringComparison.Ordinal);
        Assert.Contains(Address, card, StringComparison.Ordinal);
        Assert.Contains("data-concern=\"no-check-in\"", card, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"acknowledge\"", card, StringComparison.Ordinal);
        Assert.Contains("data-concern=\"help\"", Card(html, help.Id), StringComparison.Ordinal);
        Assert.True(html.IndexOf($"id=\"visit-{help.Id}\"", StringComparison.Ordinal) < html.IndexOf($"id=\"visit-{silent.Id}\"", StringComparison.Ordinal));
        Assert.Contains("href=\"/admin/live\"", await admin.GetStringAsync("/"), StringComparison.Ordinal); // in the admin's menu
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_alert_stays_on_top_after_a_late_check_in_showing_it_until_an_operator_closes_it(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var admin = await app.ClientForAsync(Principal.Admin);
        var visit = await VisitAsync(app, 24, Duration.FromMinutes(-16));
        await ScanAsync(app, app.Clock.GetCurrentInstant());
        var id = Assert.Single(await AlertsAsync(app, visit.Id)).Id;

        await TapAsync(visit, "arrive");
        var afterCheckIn = await BoardAsync(admin);
        var card = Card(await admin.GetStringAsync("/admin/live"), visit.Id);
        using var closed = await admin.PostAsJsonAsync($"/api/admin/welfare/{id}/close", new { note = "Called: parking took a while." });
        var afterClose = await BoardAsync(admin);

        Assert.Equal("alerts", GroupOf(afterCheckIn, visit.Id));
        Assert.Contains("data-testid=\"since\"", card, StringComparison.Ordinal);
        Assert.Contains("checked in", card, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("in-session", GroupOf(afterClose, visit.Id));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Closing_on_the_page_without_a_note_shows_the_error_by_the_field_and_keeps_the_alert(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var admin = await app.ClientForAsync(Principal.Admin);
        var visit = await VisitAsync(app, 25, Duration.FromMinutes(-5));
        await JsonAsync(visit.Therapist.PostAsync($"/api/bookings/{visit.Id}/visit/help", null), HttpStatusCode.OK);
        var id = Assert.Single(await AlertsAsync(app, visit.Id)).Id;

        using var empty = await admin.SubmitAsync("/admin/live", new Dictionary<string, string> { ["note"] = "" }, $"/admin/live?handler=Close&alertId={id}");
        var page = await empty.Content.ReadAsStringAsync();
        using var acknowledged = await admin.SubmitAsync("/admin/live", new Dictionary<string, string>(), $"/admin/live?handler=Acknowledge&alertId={id}");
        using var closed = await admin.SubmitAsync("/admin/live", new Dictionary<string, string> { ["note"] = "Spoke to her: a dog, not a danger." }, $"/admin/live?handler=Close&alertId={id}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains($"id=\"note-error-{id}\"", page, StringComparison.Ordinal);
        Assert.Contains($"aria-describedby=\"note-error-{id}\"", page, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (acknowledged.StatusCode, closed.StatusCode));
        var alert = Assert.Single(await AlertsAsync(app, visit.Id));
        Assert.Equal((Pinpoint.Web.Features.Welfare.WelfareAlertState.Closed, "Spoke to her: a dog, not a danger."), (alert.State, alert.CloseNote));
        Assert.NotNull(alert.AcknowledgedAt);
    }

    /// <summary>The board's card of one visit (from its article to the next).</summary>
    private static string Card(string html, Guid id)
    {
        var start = html.IndexOf($"id=\"visit-{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No card for visit {id}");
        var end = html.IndexOf("</article>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
