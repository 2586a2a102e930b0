using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Seeding;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Features.Welfare;
using Pinpoint.Web.Tests.Infrastructure;
using static Pinpoint.Web.Tests.Features.Welfare.WelfareData;

namespace Pinpoint.Web.Tests.Features.Welfare;

/// <summary>
/// "I need help" and the operators' acknowledge and close, on both databases: who may press and act, that a second press or
/// request is the first one, the email as the operator reads it, and the audit trail.
/// </summary>
public sealed class WelfareAlertTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static Task<HttpResponseMessage> HelpAsync(HttpClient who, Guid id) => who.PostAsync($"/api/bookings/{id}/visit/help", null);

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Help_raises_one_urgent_alert_with_its_email_at_once_and_a_second_press_answers_the_same_alert(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 11, Duration.FromMinutes(-10));

        var first = await JsonAsync(HelpAsync(visit.Therapist, visit.Id), HttpStatusCode.OK);
        // Straight after the answer, with no scan and no event handled: the alert and its email are there.
        var alert = Assert.Single(await AlertsAsync(app, visit.Id));
        var email = Assert.Single(await EmailsAsync(app, visit.Id));
        var again = await JsonAsync(HelpAsync(visit.Therapist, visit.Id), HttpStatusCode.OK);

        Assert.Equal((WelfareConcern.Help, WelfareLevel.Urgent, WelfareAlertState.Open), (alert.Concern, alert.Level, alert.State));
        Assert.Equal(("help", "urgent", "open"), (first.GetProperty("concern").GetString(), first.GetProperty("level").GetString(), first.GetProperty("state").GetString()));
        Assert.Equal(alert.Id, first.GetProperty("id").GetInt64());
        Assert.Equal(alert.Id, again.GetProperty("id").GetInt64());
        Assert.StartsWith("URGENT:", email.Subject, StringComparison.Ordinal);
        Assert.Single(await AlertsAsync(app, visit.Id));
        Assert.Single(await EmailsAsync(app, visit.Id));
        var therapistUser = await Db(app, db => db.Users.Where(u => u.Email == visit.TherapistEmail).Select(u => u.Id).SingleAsync());
        var audit = Assert.Single(await Db(app, db => db.AuditEntries.Where(a => a.Action == WelfareAlerts.HelpAction && a.Resource == "visit:" + visit.Id).ToListAsync()));
        Assert.Equal((therapistUser, therapistUser), (audit.ActorUserId, audit.SubjectUserId));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Only_the_visits_therapist_can_ask_for_help_on_it(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 12, Duration.FromMinutes(30));
        using var other = await app.ClientForAsync("therapist13@pinpoint.test");
        using var admin = await app.ClientForAsync(Principal.Admin);

        foreach (var stranger in new[] { other, visit.Client, admin })
        {
            await JsonAsync(HelpAsync(stranger, visit.Id), HttpStatusCode.NotFound);
        }

        await JsonAsync(HelpAsync(visit.Therapist, Guid.NewGuid()), HttpStatusCode.NotFound);
        using var anonymous = app.NewBrowserLikeClient();
        using var signedOut = await HelpAsync(anonymous, visit.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Empty(await AlertsAsync(app, visit.Id));
        Assert.Empty(await EmailsAsync(app, visit.Id));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_escalation_email_tells_the_operator_who_to_call_where_and_when(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 14, Duration.FromMinutes(-5));
        await JsonAsync(HelpAsync(visit.Therapist, visit.Id), HttpStatusCode.OK);
        var row = Assert.Single(await EmailsAsync(app, visit.Id));
        var therapist = await Db(app, db => db.Users.Where(u => u.Email == visit.TherapistEmail).Select(u => new { u.PhoneNumber }).SingleAsync());
        var therapistName = await Db(app, db => db.Therapists.Join(db.Users.Where(u => u.Email == visit.TherapistEmail), t => t.UserId, u => u.Id, (t, _) => t.DisplayName).SingleAsync());
        string Time(Instant at) => at.InZone(Zones.HomeZone).ToString("h:mm tt", System.Globalization.CultureInfo.InvariantCulture).ToLowerInvariant();

        await app.Scoped(s => s.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None));
        // The app's own dispatcher may have sent it first; either way the file is there once the row is marked sent.
        await Db(app, async db => await db.Set<Notification>().Where(n => n.Id == row.Id && n.SentAt != null).AnyAsync() ? 0 : throw new InvalidOperationException("Not sent"));
        var pickup = ((SmtpEmailSender)app.Services.GetRequiredService<IEmailSender>()).PickupPath;
        using var message = MimeMessage.Load(Path.Combine(pickup, EmailMessages.FileName(NotificationDispatcher.MessageIdOf(row.Id, "localhost"))));

        Assert.Equal(DemoDataSeeder.AdminEmail, message.To.Mailboxes.Single().Address);
        Assert.Equal($"URGENT: {therapistName} needs help at a visit ({Time(visit.Start)})", message.Subject);
        var body = message.TextBody;
        Assert.Contains("pressed \"I need help\"", body, StringComparison.Ordinal);
        Assert.Contains($"Therapist: {therapistName}, mobile {MobileNumbers.Display(therapist.PhoneNumber)} ({therapist.PhoneNumber})", body, StringComparison.Ordinal);
        Assert.Contains("Client: Alex Client, mobile 0412 345 678 (+61412345678)", body, StringComparison.Ordinal);
        Assert.Contains($"Address: {Address}", body, StringComparison.Ordinal);
        Assert.Contains($"Booked: Tuesday 24 November 2026, {Time(visit.Start)} to {Time(visit.End)} (Australia/Melbourne)", body, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/admin/live", body, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Operators_acknowledge_then_close_with_a_note_and_repeats_answer_the_same(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 15, Duration.FromMinutes(-30));
        await ScanAsync(app, app.Clock.GetCurrentInstant());
        var id = Assert.Single(await AlertsAsync(app, visit.Id)).Id;
        using var admin = await app.ClientForAsync(Principal.Admin);
        var url = $"/api/admin/welfare/{id}";

        var acknowledged = await JsonAsync(admin.PostAsync($"{url}/acknowledge", null), HttpStatusCode.OK);
        app.Clock.Advance(Duration.FromMinutes(1));
        var twice = await JsonAsync(admin.PostAsync($"{url}/acknowledge", null), HttpStatusCode.OK);
        var noNote = await JsonAsync(admin.PostAsJsonAsync($"{url}/close", new { note = "  " }), HttpStatusCode.UnprocessableEntity);
        var longNote = await JsonAsync(admin.PostAsJsonAsync($"{url}/close", new { note = new string('x', 1001) }), HttpStatusCode.UnprocessableEntity);
        var closed = await JsonAsync(admin.PostAsJsonAsync($"{url}/close", new { note = "Spoke to the therapist: stuck behind a crash on Hoddle St, safe." }), HttpStatusCode.OK);
        var closedAgain = await JsonAsync(admin.PostAsJsonAsync($"{url}/close", new { note = "Another note" }), HttpStatusCode.OK);
        var lateAcknowledge = await JsonAsync(admin.PostAsync($"{url}/acknowledge", null), HttpStatusCode.Conflict);

        Assert.Equal("acknowledged", acknowledged.GetProperty("state").GetString());
        Assert.Equal(acknowledged.GetProperty("acknowledgedAt").GetString(), twice.GetProperty("acknowledgedAt").GetString());
        Assert.True(noNote.GetProperty("errors").TryGetProperty("note", out _), noNote.ToString());
        Assert.Contains("1000", longNote.GetProperty("errors").GetProperty("note")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(("closed", "Spoke to the therapist: stuck behind a crash on Hoddle St, safe."),
            (closed.GetProperty("state").GetString(), closed.GetProperty("closeNote").GetString()));
        Assert.Equal(closed.ToString(), closedAgain.ToString());
        Assert.Equal("closed", lateAcknowledge.GetProperty("alert").GetProperty("state").GetString());
        var adminUser = await Db(app, db => db.Users.Where(u => u.Email == DemoDataSeeder.AdminEmail).Select(u => u.Id).SingleAsync());
        var audit = await Db(app, db => db.AuditEntries.Where(a => a.Resource == WelfareAlerts.AuditResourcePrefix + id).ToListAsync());
        Assert.Equal([WelfareAlerts.AcknowledgeAction, WelfareAlerts.CloseAction], audit.OrderBy(a => a.Id).Select(a => a.Action).ToArray());
        Assert.All(audit, a => Assert.Equal(adminUser, a.ActorUserId));
        await JsonAsync(admin.PostAsync("/api/admin/welfare/999999/acknowledge", null), HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Only_operators_see_the_board_and_act_on_alerts(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 16, Duration.FromMinutes(-5));
        await JsonAsync(HelpAsync(visit.Therapist, visit.Id), HttpStatusCode.OK);
        var id = Assert.Single(await AlertsAsync(app, visit.Id)).Id;

        foreach (var who in new[] { visit.Therapist, visit.Client })
        {
            using var acknowledge = await who.PostAsync($"/api/admin/welfare/{id}/acknowledge", null);
            using var close = await who.PostAsJsonAsync($"/api/admin/welfare/{id}/close", new { note = "Fine" });
            using var board = await who.GetAsync("/api/admin/live");
            using var page = await who.GetAsync("/admin/live");
            Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
                new[] { acknowledge.StatusCode, close.StatusCode, board.StatusCode });
            Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.Equal(WelfareAlertState.Open, Assert.Single(await AlertsAsync(app, visit.Id)).State);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_day_view_offers_help_for_a_visit_while_the_therapist_is_on_the_way_or_inside(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 18, Duration.FromMinutes(30));
        static string Item(string html, Guid id)
        {
            var start = html.IndexOf($"data-booking=\"{id}\"", StringComparison.Ordinal);
            Assert.True(start >= 0, $"Visit {id} is not on the day view");
            return html[start..html.IndexOf("</li>", start, StringComparison.Ordinal)];
        }

        var booked = Item(await visit.Therapist.GetStringAsync("/therapist/day"), visit.Id);
        await JsonAsync(visit.Therapist.PostAsync($"/api/bookings/{visit.Id}/visit/set-off", null), HttpStatusCode.OK);
        var onTheWay = Item(await visit.Therapist.GetStringAsync("/therapist/day"), visit.Id);

        Assert.DoesNotContain("data-testid=\"tap-help\"", booked, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"tap-help\"", onTheWay, StringComparison.Ordinal);
        Assert.Contains($"action=\"/therapist/visits/{visit.Id}?handler=Help\"", onTheWay, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_visit_page_has_a_help_button_that_raises_the_alert_and_says_so(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 17, Duration.FromMinutes(-5));
        var page = $"/therapist/visits/{visit.Id}";

        var before = await visit.Therapist.GetStringAsync(page);
        using var pressed = await visit.Therapist.SubmitAsync(page, new Dictionary<string, string>(), $"{page}?handler=Help");
        var after = await visit.Therapist.GetStringAsync(page);

        Assert.Contains("data-testid=\"tap-help\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"help-asked\"", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, pressed.StatusCode);
        Assert.Equal(WelfareConcern.Help, Assert.Single(await AlertsAsync(app, visit.Id)).Concern);
        Assert.Contains("data-testid=\"help-asked\"", after, StringComparison.Ordinal);
        Assert.Contains("operator on call has been told", after, StringComparison.Ordinal);
    }
}
