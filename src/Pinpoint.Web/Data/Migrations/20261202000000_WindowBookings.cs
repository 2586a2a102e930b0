using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// Flexible bookings: a requested window (WindowStart/WindowEnd) and, until the day plan confirms it, no therapist and
/// no time, so those columns become nullable. The no-double-booking constraint now names the unscheduled rows it skips.
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261202000000_WindowBookings")]
public sealed class WindowBookings : Migration
{
    internal const string ScheduledCheck =
        "(\"Start\" IS NULL) = (\"End\" IS NULL) AND (\"Start\" IS NULL) = (\"OccupiedStart\" IS NULL) AND (\"Start\" IS NULL) = (\"OccupiedEnd\" IS NULL) " +
        "AND (\"Start\" IS NULL) = (\"TherapistId\" IS NULL) AND (\"Start\" IS NOT NULL OR \"WindowStart\" IS NOT NULL)";

    private static readonly string[] Nullable = ["TherapistId", "Start", "End", "OccupiedStart", "OccupiedEnd"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql("ALTER TABLE \"Bookings\" DROP CONSTRAINT \"EX_Bookings_TherapistId_Occupied\";");
            foreach (var column in Nullable)
            {
                migrationBuilder.Sql($"ALTER TABLE \"Bookings\" ALTER COLUMN \"{column}\" DROP NOT NULL;");
            }

            migrationBuilder.AddColumn<DateTime>("WindowStart", "Bookings", nullable: true);
            migrationBuilder.AddColumn<DateTime>("WindowEnd", "Bookings", nullable: true);
            migrationBuilder.AddCheckConstraint("CK_Bookings_Scheduled", "Bookings", ScheduledCheck);
            migrationBuilder.Sql(
                """
                ALTER TABLE "Bookings" ADD CONSTRAINT "EX_Bookings_TherapistId_Occupied"
                EXCLUDE USING gist ("TherapistId" WITH =, tstzrange("OccupiedStart", "OccupiedEnd", '[)') WITH &&)
                WHERE ("Status" <> 'Cancelled' AND "OccupiedStart" IS NOT NULL);
                """);
        }
        else
        {
            RebuildSqliteBookings(migrationBuilder);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Window bookings cannot be removed without losing requested visits.");

    // SQLite cannot relax NOT NULL in place: the table is copied into a new one (foreign keys off meanwhile, so the
    // notes, reviews and home care that point at bookings survive the swap), as SQLite's documentation describes.
    private static void RebuildSqliteBookings(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
        migrationBuilder.CreateTable(
            name: "ef_temp_Bookings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClientUserId = table.Column<string>(maxLength: 450, nullable: false),
                TherapistId = table.Column<Guid>(nullable: true),
                Modality = table.Column<string>(maxLength: 32, nullable: false),
                DurationMinutes = table.Column<int>(nullable: false),
                Start = table.Column<DateTime>(nullable: true),
                End = table.Column<DateTime>(nullable: true),
                OccupiedStart = table.Column<DateTime>(nullable: true),
                OccupiedEnd = table.Column<DateTime>(nullable: true),
                WindowStart = table.Column<DateTime>(nullable: true),
                WindowEnd = table.Column<DateTime>(nullable: true),
                ClientLatitude = table.Column<double>(nullable: false),
                ClientLongitude = table.Column<double>(nullable: false),
                Address = table.Column<string>(maxLength: 300, nullable: false),
                PriceAmount = table.Column<decimal>(precision: 10, scale: 2, nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                QuoteJson = table.Column<string>(nullable: false),
                IntakeVersion = table.Column<int>(nullable: true),
                ScreeningJson = table.Column<string>(nullable: true),
                PreferencesJson = table.Column<string>(nullable: true),
                Status = table.Column<string>(maxLength: 16, nullable: false),
                PlanId = table.Column<Guid>(nullable: true),
                PlanSession = table.Column<int>(nullable: true),
                StatusReason = table.Column<string>(maxLength: 500, nullable: true),
                StatusChangedBy = table.Column<string>(maxLength: 450, nullable: true),
                StatusChangedAt = table.Column<DateTime>(nullable: true),
                FeeAmount = table.Column<decimal>(precision: 10, scale: 2, nullable: true),
                IdempotencyKey = table.Column<string>(maxLength: 100, nullable: true),
                RequestHash = table.Column<string>(maxLength: 64, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Sequence = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Bookings", x => x.Id);
                table.ForeignKey("FK_Bookings_AspNetUsers_ClientUserId", x => x.ClientUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Bookings_Therapists_TherapistId", x => x.TherapistId, "Therapists", "Id", onDelete: ReferentialAction.Restrict);
                table.CheckConstraint("CK_Bookings_Scheduled", ScheduledCheck);
            });
        const string columns = "\"Id\", \"ClientUserId\", \"TherapistId\", \"Modality\", \"DurationMinutes\", \"Start\", \"End\", \"OccupiedStart\", \"OccupiedEnd\", " +
            "\"ClientLatitude\", \"ClientLongitude\", \"Address\", \"PriceAmount\", \"Currency\", \"QuoteJson\", \"IntakeVersion\", \"ScreeningJson\", " +
            "\"PreferencesJson\", \"Status\", \"PlanId\", \"PlanSession\", \"StatusReason\", \"StatusChangedBy\", \"StatusChangedAt\", \"FeeAmount\", " +
            "\"IdempotencyKey\", \"RequestHash\", \"CreatedAt\", \"Sequence\"";
        migrationBuilder.Sql($"INSERT INTO \"ef_temp_Bookings\" ({columns}) SELECT {columns} FROM \"Bookings\";");
        migrationBuilder.DropTable("Bookings");
        migrationBuilder.RenameTable("ef_temp_Bookings", newName: "Bookings");
        migrationBuilder.CreateIndex("IX_Bookings_TherapistId_ClientUserId", "Bookings", ["TherapistId", "ClientUserId"]);
        migrationBuilder.CreateIndex("IX_Bookings_Availability", "Bookings",
            ["TherapistId", "OccupiedStart", "OccupiedEnd", "Status", "ClientLatitude", "ClientLongitude", "ClientUserId"]);
        migrationBuilder.CreateIndex("IX_Bookings_OccupiedStart", "Bookings", "OccupiedStart");
        migrationBuilder.CreateIndex("IX_Bookings_ClientUserId_IdempotencyKey", "Bookings", ["ClientUserId", "IdempotencyKey"], unique: true);
        migrationBuilder.CreateIndex("IX_Bookings_PlanId", "Bookings", "PlanId");
        migrationBuilder.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
    }
}
