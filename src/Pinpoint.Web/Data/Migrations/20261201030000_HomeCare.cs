using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>Home-care prescriptions per visit and the days the client ticked them off.</summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261201030000_HomeCare")]
public sealed class HomeCare : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "HomeCarePrescriptions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                BookingId = table.Column<Guid>(nullable: false),
                TherapistId = table.Column<Guid>(nullable: false),
                ClientUserId = table.Column<string>(maxLength: 450, nullable: false),
                ExerciseId = table.Column<string>(maxLength: 100, nullable: false),
                HoldSeconds = table.Column<int>(nullable: false),
                Repetitions = table.Column<int>(nullable: false),
                TimesPerDay = table.Column<int>(nullable: false),
                Days = table.Column<int>(nullable: false),
                StartsOn = table.Column<DateOnly>(nullable: false),
                Note = table.Column<string>(maxLength: 300, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_HomeCarePrescriptions", x => x.Id);
                table.ForeignKey("FK_HomeCarePrescriptions_Bookings_BookingId", x => x.BookingId, "Bookings", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_HomeCarePrescriptions_ClientUserId_StartsOn", "HomeCarePrescriptions", ["ClientUserId", "StartsOn"]);
        migrationBuilder.CreateIndex("IX_HomeCarePrescriptions_BookingId", "HomeCarePrescriptions", "BookingId");

        migrationBuilder.CreateTable(
            name: "HomeCareTicks",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                PrescriptionId = table.Column<long>(nullable: false),
                Day = table.Column<DateOnly>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_HomeCareTicks", x => x.Id);
                table.ForeignKey("FK_HomeCareTicks_HomeCarePrescriptions_PrescriptionId", x => x.PrescriptionId, "HomeCarePrescriptions", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_HomeCareTicks_PrescriptionId_Day", "HomeCareTicks", ["PrescriptionId", "Day"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("HomeCareTicks");
        migrationBuilder.DropTable("HomeCarePrescriptions");
    }
}
