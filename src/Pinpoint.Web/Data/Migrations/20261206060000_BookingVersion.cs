using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// Bookings get a row version for optimistic concurrency. PostgreSQL needs nothing: its system column <c>xmin</c> is
/// the version. SQLite gets a <c>Version</c> counter the app bumps on every update.
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261206060000_BookingVersion")]
public sealed class BookingVersion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.AddColumn<uint>("Version", "Bookings", nullable: false, defaultValue: 0u);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.DropColumn("Version", "Bookings");
        }
    }
}
