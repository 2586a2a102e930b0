using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Seeding;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Features.Welfare;
using Pinpoint.Web.Tests.Infrastructure;
using static Pinpoint.Web.Tests.Features.Welfare.WelfareData;

namespace Pinpoint.Web.Tests.Features.Welfare;

/// <summary>
/// The welfare scan on both databases, driven at chosen instants (the fake clock reads Tuesday 24 November 2026, 09:00 in
/// Melbourne): when it raises which alert, which visits it leaves alone, and that an alert and its email happen once
/// however many nodes scan, and after a restart. Each test books its own demo therapists.
/// </summary>
public sealed class WelfareScanTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static readonly Duration Second = Duration.FromSeconds(1);

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task No_check_in_is_raised_at_the_start_plus_15_minutes_and_not_a_second_before(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 3, Duration.FromMinutes(30));
        var due = visit.Start + Duration.FromMinutes(15);

        await ScanAsync(app, due - Second);
        Assert.Empty(await AlertsAsync(app, visit.Id));
        Assert.Empty(await EmailsAsync(app, visit.Id));

        await ScanAsync(app, due);
        var alert = Assert.Single(await AlertsAsync(app, visit.Id));
        Assert.Equal((WelfareConcern.NoCheckIn, WelfareLevel.Concern, WelfareAlertState.Open, due, (Instant?)due, (string?)null),
            (alert.Concern, alert.Level, alert.State, alert.RaisedAt, alert.EscalatedAt, alert.RaisedBy));
        var email = Assert.Single(await EmailsAsync(app, visit.Id));
        Assert.Equal(DemoDataSeeder.AdminEmail, email.To); // no Welfare:OnCallEmail here: every operator account
        Assert.StartsWith("Welfare check: ", email.Subject, StringComparison.Ordinal);
        Assert.Contains("has not checked in", email.Subject, StringComparison.Ordinal);
        Assert.Equal(due, email.DueAt);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task No_check_out_is_raised_at_the_end_plus_40_minutes_for_a_therapist_who_checked_in(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 4, Duration.FromMinutes(10));
        using (await visit.Therapist.PostAsync($"/api/bookings/{visit.Id}/visit/arrive", null))
        {
        }

        var due = visit.End + Duration.FromMinutes(40);
        await ScanAsync(app, due - Second);
        Assert.Empty(await AlertsAsync(app, visit.Id)); // and no "no check-in" either: they did check in

        await ScanAsync(app, due);
        var alert = Assert.Single(await AlertsAsync(app, visit.Id));
        Assert.Equal((WelfareConcern.NoCheckOut, WelfareLevel.Serious, due), (alert.Concern, alert.Level, alert.RaisedAt));
        Assert.Contains("has not checked out", Assert.Single(await EmailsAsync(app, visit.Id)).Subject, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Cancelled_no_show_completed_and_checked_out_visits_raise_nothing_while_a_silent_one_does(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var silent = await VisitAsync(app, 5, Duration.FromMinutes(5));
        var cancelled = await VisitAsync(app, 6, Duration.FromMinutes(5));
        var noShow = await VisitAsync(app, 7, Duration.FromMinutes(5));
        var completed = await VisitAsync(app, 8, Duration.FromMinutes(5));
        var checkedOut = await VisitAsync(app, 9, Duration.FromMinutes(5));
        foreach (var visit in new[] { completed, checkedOut })
        {
            using var arrived = await visit.Therapist.PostAsync($"/api/bookings/{visit.Id}/visit/arrive", null);
            using var left = await visit.Therapist.PostAsync($"/api/bookings/{visit.Id}/visit/check-out", null);
            Assert.Equal((System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.OK), (arrived.StatusCode, left.StatusCode));
        }

        await Db(app, db => db.Bookings.Where(b => b.Id == completed.Id).ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.Completed)));
        await Db(app, db => db.Bookings.Where(b => b.Id == cancelled.Id).ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.Cancelled)));
        await Db(app, db => db.Bookings.Where(b => b.Id == noShow.Id).ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.NoShow)));

        // Late enough for both concerns on every one of them.
        await ScanAsync(app, silent.End + Duration.FromHours(1));

        Assert.Equal(WelfareConcern.NoCheckIn, Assert.Single(await AlertsAsync(app, silent.Id)).Concern);
        foreach (var quiet in new[] { cancelled, noShow, completed, checkedOut })
        {
            Assert.Empty(await AlertsAsync(app, quiet.Id));
            Assert.Empty(await EmailsAsync(app, quiet.Id));
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Scanning_again_later_raises_nothing_new(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 10, Duration.FromMinutes(20));

        await ScanAsync(app, visit.Start + Duration.FromMinutes(15));
        await ScanAsync(app, visit.Start + Duration.FromMinutes(16));
        await ScanAsync(app, visit.End + Duration.FromHours(2));

        Assert.Single(await AlertsAsync(app, visit.Id));
        Assert.Single(await EmailsAsync(app, visit.Id));
    }

    /// <summary>
    /// The node's own timer: with <c>Welfare:ScanSeconds</c> set, the hosted service raises a due alert by itself, at the
    /// injected clock's time (the fake clock's Tuesday 09:00; by the machine's clock the visit would be long past the
    /// scan's 12-hour horizon and raise nothing).
    /// </summary>
    [Fact]
    public async Task The_background_service_scans_by_itself_at_the_injected_clocks_time()
    {
        await using var app = await PinpointApp.StartAsync(DatabaseProvider.Sqlite, seedDemo: true,
            builder => builder.UseSetting("Welfare:ScanSeconds", "0.2"));
        var visit = await VisitAsync(app, 3, Duration.FromMinutes(-20));

        List<WelfareAlert> alerts = [];
        for (var look = 0; look < 200 && alerts.Count == 0; look++)
        {
            await Task.Delay(100);
            alerts = await AlertsAsync(app, visit.Id);
        }

        var alert = Assert.Single(alerts);
        Assert.Equal(WelfareConcern.NoCheckIn, alert.Concern);
        Assert.Equal(app.Clock.GetCurrentInstant(), alert.RaisedAt);
    }

    /// <summary>
    /// Two app hosts on one database (two nodes) scan the same moment, again and again, each scan in a scope and context of
    /// its own: each silent visit has one alert and one email, and every alert was raised by exactly one scan. Then a host
    /// started afresh (a restart: nothing in memory) scans again and raises nothing. On SQLite the writers take turns; on
    /// PostgreSQL the inserts truly race and the unique index decides.
    /// </summary>
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Two_nodes_scanning_at_once_and_a_restart_raise_each_alert_and_its_email_exactly_once(DatabaseProvider provider)
    {
        static void OnCall(IWebHostBuilder builder) => builder.UseSetting("Welfare:OnCallEmail", "on-call@pinpoint.test");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new PinpointApp(database, seedDemo: true, OnCall);
        await using var second = new PinpointApp(database, seedDemo: true, OnCall);
        _ = first.Server;
        _ = second.Server;
        second.Clock.Reset(first.Clock.GetCurrentInstant());
        var visits = new List<Visit>();
        foreach (var number in Enumerable.Range(3, 6))
        {
            visits.Add(await VisitAsync(first, number, Duration.FromMinutes(-20 - number)));
        }

        var now = first.Clock.GetCurrentInstant();
        var raised = 0;
        for (var round = 0; round < 5; round++)
        {
            using var go = new SemaphoreSlim(0);
            var scans = new[] { first, second, first, second }.Select(app => Task.Run(async () =>
            {
                await go.WaitAsync();
                return await ScanAsync(app, now);
            })).ToList();
            go.Release(scans.Count);
            raised += (await Task.WhenAll(scans)).Sum();
        }

        Assert.Equal(visits.Count, raised);
        foreach (var visit in visits)
        {
            Assert.Equal(WelfareConcern.NoCheckIn, Assert.Single(await AlertsAsync(first, visit.Id)).Concern);
            Assert.Equal("on-call@pinpoint.test", Assert.Single(await EmailsAsync(second, visit.Id)).To);
        }

        await using var restarted = new PinpointApp(database, seedDemo: true, OnCall);
        _ = restarted.Server;
        Assert.Equal(0, await ScanAsync(restarted, now + Duration.FromMinutes(1)));
        Assert.Equal(visits.Count, await Db(restarted, db => db.Set<WelfareAlert>().CountAsync()));
        Assert.Equal(visits.Count, await Db(restarted, db => db.Set<Notification>().CountAsync(n => n.Kind == NotificationKind.OnCallAlert)));
    }
}
