using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Seeding;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Data;

public sealed class DemoSeedingTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static readonly GeoPoint MelbourneCbd = new(-37.8136, 144.9631);

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Seeds_an_admin_a_client_and_at_least_30_credentialed_therapists_around_Melbourne(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        await app.Scoped(async services =>
        {
            var users = services.GetRequiredService<UserManager<PinpointUser>>();
            Assert.Single(await users.GetUsersInRoleAsync(Roles.Admin));
            Assert.Contains(await users.GetUsersInRoleAsync(Roles.Client), u => u.Email == DemoDataSeeder.ClientEmail);
            Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync(DemoDataSeeder.AdminEmail))!, new DemoOptions().Password));

            var db = services.GetRequiredService<PinpointDb>();
            var therapists = await db.Therapists.Include(t => t.Credentials).ToListAsync();
            var melbourne = therapists.Where(t => t.TimeZoneId == "Australia/Melbourne").ToList();
            Assert.True(melbourne.Count >= 30, $"only {melbourne.Count} therapists in Melbourne");
            Assert.All(therapists, t =>
            {
                Assert.NotEmpty(t.Credentials);
                Assert.All(t.Credentials, c => Assert.Equal(CredentialStatus.Approved, c.Status));
                Assert.All(t.Credentials, c => Assert.True(c.ExpiresOn > c.IssuedOn));
            });
            Assert.All(melbourne, t => Assert.InRange(new GeoPoint(t.HomeLatitude, t.HomeLongitude).DistanceKmTo(MelbourneCbd), 0, 60));
            Assert.Equal(Modalities.All.Order(), therapists.SelectMany(t => t.Credentials).Select(c => c.Modality).Distinct().Order());
            Assert.Equal(therapists.Count, await users.GetUsersInRoleAsync(Roles.Therapist).ContinueWith(t => t.Result.Count));
        });
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Seeds_therapists_in_every_other_city_each_on_the_zone_of_the_area_of_their_base(DatabaseProvider provider)
    {
        var app = await apps.For(provider);

        var therapists = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Therapists.AsNoTracking().ToListAsync());

        Assert.All(therapists, t =>
        {
            var area = Zones.Areas.Containing(new GeoPoint(t.HomeLatitude, t.HomeLongitude));
            Assert.NotNull(area);
            Assert.Equal(area.Zone.Id, t.TimeZoneId);
        });
        Assert.All(new[] { "Australia/Sydney", "Australia/Brisbane", "Australia/Perth", "Pacific/Auckland" },
            zone => Assert.True(therapists.Count(t => t.TimeZoneId == zone) >= 2, zone));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Seeding_again_adds_nothing(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var before = (await Counts(app), await DemoHistoryTests.Counts(app));

        await app.Scoped(async services =>
        {
            await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync(CancellationToken.None);
            await services.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
        });

        Assert.Equal(before, (await Counts(app), await DemoHistoryTests.Counts(app)));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_demo_has_window_requests_for_tomorrow_to_plan_one_per_client(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var tomorrow = app.Clock.GetCurrentInstant().InZone(NodaTime.DateTimeZoneProviders.Tzdb["Australia/Melbourne"]).Date.PlusDays(1);

        var (requests, demoClient) = await app.Scoped(async services =>
        {
            var db = services.GetRequiredService<PinpointDb>();
            var client = await db.Users.SingleAsync(u => u.Email == DemoDataSeeder.ClientEmail);
            return (await db.Bookings.Where(b => b.Status == Pinpoint.Web.Features.Booking.BookingStatus.Requested).ToListAsync(), client.Id);
        });

        Assert.InRange(requests.Count, 3, 10);
        Assert.Contains(requests, b => b.ClientUserId == demoClient);
        // One person is in one appointment at a time: overlapping windows from one client could not all be confirmed.
        Assert.Equal(requests.Count, requests.Select(b => b.ClientUserId).Distinct().Count());
        Assert.All(requests, b => Assert.Equal(tomorrow, b.WindowStart!.Value.InZone(NodaTime.DateTimeZoneProviders.Tzdb["Australia/Melbourne"]).Date));
        Assert.All(requests, b => Assert.Null(b.TherapistId));
    }

    private static Task<(int Users, int Therapists, int Credentials, int Modalities, int Prices, int Bookings)> Counts(PinpointApp app) =>
        app.Scoped(async services =>
        {
            var db = services.GetRequiredService<PinpointDb>();
            return (await db.Users.CountAsync(), await db.Therapists.CountAsync(), await db.TherapistCredentials.CountAsync(),
                await db.Modalities.CountAsync(), await db.ModalityPrices.CountAsync(), await db.Bookings.CountAsync());
        });
}
