using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;
using BookingEntity = Pinpoint.Web.Features.Booking.Booking;

namespace Pinpoint.Web.Tests.Data;

/// <summary>
/// The client-area migration starts every client who has booked with the area of their latest booking's address:
/// clients and bookings are stored, the migration is taken back and run again, and each client's area is read.
/// </summary>
public sealed class ClientHomeAreaMigrationTests
{
    private const string Before = "20261208030000_PricesPerCurrency";

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Each_client_starts_with_the_area_of_their_latest_booking_and_one_who_never_booked_with_none(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var created = Instant.FromUtc(2026, 11, 1, 0, 0);
        await using (var db = MigrationSchemaTests.Open(database))
        {
            await db.Database.MigrateAsync();
            foreach (var id in new[] { "moved", "stayed", "never" })
            {
                db.Users.Add(new PinpointUser { Id = id, UserName = id, DisplayName = id, HomeArea = "sydney" });
            }

            // "moved" booked in Melbourne, then in Perth; "stayed" only in Auckland. Window requests (no therapist) need no therapist rows.
            BookingEntity Visit(string client, double latitude, double longitude, int days) => new()
            {
                Id = Guid.NewGuid(), ClientUserId = client, TherapistId = null, Start = null, End = null, OccupiedStart = null, OccupiedEnd = null,
                WindowStart = created + Duration.FromDays(days + 3), WindowEnd = created + Duration.FromDays(days + 3) + Duration.FromHours(3),
                ClientLatitude = latitude, ClientLongitude = longitude, Status = Pinpoint.Web.Features.Booking.BookingStatus.Requested,
                CreatedAt = created + Duration.FromDays(days),
            };
            db.Bookings.AddRange(Visit("moved", -37.80, 144.96, 0), Visit("moved", -31.948, 115.826, 2), Visit("stayed", -36.85, 174.745, 1));
            await db.SaveChangesAsync();
        }

        await using (var db = MigrationSchemaTests.Open(database))
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(Before);
            await migrator.MigrateAsync();
        }

        await using var check = MigrationSchemaTests.Open(database);
        var areas = await check.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.HomeArea);
        Assert.Equal("perth", areas["moved"]);
        Assert.Equal("auckland", areas["stayed"]);
        Assert.Null(areas["never"]);
    }
}
