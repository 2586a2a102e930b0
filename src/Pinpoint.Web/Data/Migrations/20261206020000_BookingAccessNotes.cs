using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>How the therapist gets in (parking, stairs, pets, entry) travels with the booking.</summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261206020000_BookingAccessNotes")]
public sealed class BookingAccessNotes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("AccessNotes", "Bookings", maxLength: 500, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("AccessNotes", "Bookings");
}
