using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Clinical;
using Pinpoint.Core.Intake;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Seeding;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Clinical;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Features.Outcomes;
using Pinpoint.Web.Features.Plans;
using Pinpoint.Web.Features.Reviews;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Data;

/// <summary>The demo's eight weeks of care: in the past only, valid as the features would write it, once, and silent.</summary>
public sealed class DemoHistoryTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_demo_has_eight_weeks_of_completed_visits_with_signed_notes_reviews_answers_and_home_care_only_in_the_past(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var now = app.Clock.GetCurrentInstant();
        var today = now.InZone(Melbourne).Date;

        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var completed = await db.Bookings.AsNoTracking().Where(b => b.Status == BookingStatus.Completed).ToListAsync();
            Assert.InRange(completed.Count, 60, 200);
            Assert.All(completed, b => Assert.True(b.End < now, $"a completed visit ends {b.End}, after now"));
            var first = completed.Min(b => b.Start!.Value);
            Assert.InRange((now - first).TotalDays, 7 * 8 - 1, 7 * 9 + 1);
            Assert.All(completed, b => Assert.InRange(b.Start!.Value.InZone(Melbourne).Hour, 7, 16));
            Assert.All(completed, b => Assert.Contains(" VIC 3", b.Address, StringComparison.Ordinal));

            var notes = await db.Set<SessionNoteRecord>().AsNoTracking().ToListAsync();
            Assert.Equal(completed.Select(b => b.Id).Order(), notes.Select(n => n.BookingId).Order());
            Assert.All(notes, n =>
            {
                Assert.NotNull(n.SignedAt);
                var content = JsonSerializer.Deserialize<SoapNote>(n.ContentJson, IntakeJson.Options)!;
                Assert.Empty(SoapNoteValidation.ForSigning(content, Atlas.Default));
                Assert.NotEmpty(content.Findings);
            });

            Assert.InRange(await db.Set<Review>().CountAsync(), 40, 200);
            var ticks = await db.Set<HomeCareTick>().AsNoTracking().Select(t => t.Day).ToListAsync();
            Assert.InRange(ticks.Count, 50, 2000);
            Assert.All(ticks, day => Assert.True(day < today));
            Assert.Empty(await db.Bookings.Where(b => b.Status != BookingStatus.Completed && b.Start != null && b.Start < now).ToListAsync());

            var clientId = await db.Users.Where(u => u.Email == DemoDataSeeder.ClientEmail).Select(u => u.Id).SingleAsync();
            var intake = await db.IntakeVersions.AsNoTracking().SingleAsync(v => v.ClientUserId == clientId);
            Assert.Empty(IntakeValidation.ForSubmission(IntakeJson.ReadContent(intake.ContentJson), Atlas.Default, today));
            var plan = await db.Set<TreatmentPlan>().AsNoTracking().SingleAsync(p => p.ClientUserId == clientId);
            Assert.Equal(plan.Sessions, await db.Bookings.CountAsync(b => b.PlanId == plan.Id && b.Status == BookingStatus.Completed));
        });
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_demo_clients_progress_improves_pain_and_every_questionnaire(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = await app.ClientForAsync(Principal.Client);

        var progress = await client.GetFromJsonAsync<JsonElement>("/api/outcomes");

        var pain = progress.GetProperty("pain").EnumerateArray().ToList();
        Assert.InRange(pain.Count, 6, 12);
        Assert.True(pain[^1].GetProperty("before").GetInt32() <= pain[0].GetProperty("before").GetInt32() - 3, "pain before the session did not ease");
        var measures = progress.GetProperty("measures").EnumerateArray().ToList();
        Assert.Contains(measures, m => m.GetProperty("instrument").GetProperty("id").GetString() == "ndi");
        Assert.All(measures, m =>
        {
            Assert.True(m.GetProperty("points").GetArrayLength() >= 3);
            Assert.Equal("Improved", m.GetProperty("change").GetProperty("kind").GetString(), StringComparer.OrdinalIgnoreCase);
        });
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>("/api/outcomes/due") ?? []);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Every_demo_account_has_a_mobile_number_in_E164(DatabaseProvider provider)
    {
        var app = await apps.For(provider);

        var numbers = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Users.AsNoTracking().Where(u => u.Email!.EndsWith("@pinpoint.test"))
            .Select(u => u.PhoneNumber).ToListAsync());

        Assert.True(numbers.Count >= 40);
        // ACMA's range for fiction, 0491 570 006–159.
        Assert.All(numbers, n => Assert.Matches(@"^\+61491570(00[6-9]|0[1-9]\d|1[0-5]\d)$", n));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_history_raises_no_event_and_queues_no_email(DatabaseProvider provider)
    {
        // A fresh app: nothing has happened on it but the first start.
        await using var app = await PinpointApp.StartAsync(provider, seedDemo: true);

        var (events, emails, visits) = await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            return (await db.Events.CountAsync(), await db.Set<Notification>().CountAsync(), await db.Bookings.CountAsync(b => b.Status == BookingStatus.Completed));
        });

        Assert.True(visits > 0);
        Assert.Equal(0, events);
        Assert.Equal(0, emails);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Two_nodes_seeding_an_empty_database_at_once_write_the_demo_once(DatabaseProvider provider)
    {
        await using var app = await PinpointApp.StartAsync(provider, seedDemo: false);

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => app.Scoped(s => Seeder(s).SeedAsync(CancellationToken.None)))));
        var once = await Counts(app);
        await app.Scoped(s => Seeder(s).SeedAsync(CancellationToken.None));

        Assert.True(once.Visits > 0);
        Assert.Equal(once, await Counts(app));
        Assert.Equal(DemoTherapists.All.Count, once.Therapists);
    }

    private static DemoDataSeeder Seeder(IServiceProvider s) => new(
        s.GetRequiredService<PinpointDb>(), s.GetRequiredService<UserManager<PinpointUser>>(), Options.Create(new DemoOptions { Seed = true }),
        s.GetRequiredService<IOptions<BookingOptions>>(), s.GetRequiredService<IHostEnvironment>(), s.GetRequiredService<IClock>(),
        s.GetRequiredService<ILogger<DemoDataSeeder>>());

    internal static Task<(int Users, int Therapists, int Visits, int Notes, int Reviews, int Answers, int Ticks, int Intakes)> Counts(PinpointApp app) =>
        app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            return (await db.Users.CountAsync(), await db.Therapists.CountAsync(), await db.Bookings.CountAsync(), await db.Set<SessionNoteRecord>().CountAsync(),
                await db.Set<Review>().CountAsync(), await db.Set<OutcomeResponse>().CountAsync(), await db.Set<HomeCareTick>().CountAsync(),
                await db.IntakeVersions.CountAsync());
        });
}
