using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>The pain map a client marked before booking travels with the booking.</summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261206010000_BookingPainMap")]
public sealed class BookingPainMap : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("PainJson", "Bookings", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("PainJson", "Bookings");
}
