using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// The visit day (issue 19): a booking's live stage, the arrival time promised, the therapist's latest position while on
/// the way (erased on arrival), and one <c>VisitEvents</c> row per stage reached. Plain added columns: no rebuild.
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261206100000_VisitDay")]
public sealed class VisitDay : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("Stage", "Bookings", maxLength: 16, nullable: false, defaultValue: "Booked");
        migrationBuilder.AddColumn<DateTime>("EtaAt", "Bookings", nullable: true);
        migrationBuilder.AddColumn<double>("PositionLatitude", "Bookings", nullable: true);
        migrationBuilder.AddColumn<double>("PositionLongitude", "Bookings", nullable: true);
        migrationBuilder.AddColumn<double>("PositionAccuracy", "Bookings", nullable: true);
        migrationBuilder.AddColumn<DateTime>("PositionAt", "Bookings", nullable: true);
        migrationBuilder.CreateTable(
            name: "VisitEvents",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                BookingId = table.Column<Guid>(nullable: false),
                Stage = table.Column<string>(maxLength: 16, nullable: false),
                At = table.Column<DateTime>(nullable: false),
                ByUserId = table.Column<string>(maxLength: 450, nullable: false),
                Latitude = table.Column<double>(nullable: true),
                Longitude = table.Column<double>(nullable: true),
                AccuracyMetres = table.Column<double>(nullable: true),
                EtaAt = table.Column<DateTime>(nullable: true),
                EtaFrom = table.Column<string>(maxLength: 16, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_VisitEvents", x => x.Id);
                table.ForeignKey("FK_VisitEvents_Bookings_BookingId", x => x.BookingId, "Bookings", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_VisitEvents_BookingId_Stage", "VisitEvents", ["BookingId", "Stage"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("VisitEvents");
        foreach (var column in new[] { "PositionAt", "PositionAccuracy", "PositionLongitude", "PositionLatitude", "EtaAt", "Stage" })
        {
            migrationBuilder.DropColumn(column, "Bookings");
        }
    }
}
