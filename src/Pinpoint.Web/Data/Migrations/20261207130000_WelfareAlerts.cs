using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// Welfare alerts (issue 19): one row per visit and concern (unique), which is what makes an alert and its escalation
/// email happen once however many nodes scan. A new table only: nothing to rebuild on either provider.
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261207130000_WelfareAlerts")]
public sealed class WelfareAlerts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "WelfareAlerts",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                BookingId = table.Column<Guid>(nullable: false),
                Concern = table.Column<string>(maxLength: 16, nullable: false),
                Level = table.Column<string>(maxLength: 16, nullable: false),
                State = table.Column<string>(maxLength: 16, nullable: false),
                RaisedAt = table.Column<DateTime>(nullable: false),
                RaisedBy = table.Column<string>(maxLength: 450, nullable: true),
                EscalatedAt = table.Column<DateTime>(nullable: true),
                AcknowledgedBy = table.Column<string>(maxLength: 450, nullable: true),
                AcknowledgedAt = table.Column<DateTime>(nullable: true),
                ClosedBy = table.Column<string>(maxLength: 450, nullable: true),
                ClosedAt = table.Column<DateTime>(nullable: true),
                CloseNote = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WelfareAlerts", x => x.Id);
                table.ForeignKey("FK_WelfareAlerts_Bookings_BookingId", x => x.BookingId, "Bookings", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_WelfareAlerts_BookingId_Concern", "WelfareAlerts", ["BookingId", "Concern"], unique: true);
        migrationBuilder.CreateIndex("IX_WelfareAlerts_State_RaisedAt", "WelfareAlerts", ["State", "RaisedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("WelfareAlerts");
}
