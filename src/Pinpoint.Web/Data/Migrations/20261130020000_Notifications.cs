using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>The email outbox (confirmations, reminders, changes, cancellations) and therapists' private calendar feed tokens.</summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261130020000_Notifications")]
public sealed class Notifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("CalendarToken", "Therapists", maxLength: 64, nullable: true);
        migrationBuilder.CreateIndex("IX_Therapists_CalendarToken", "Therapists", "CalendarToken", unique: true);
        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                BookingId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 16, nullable: false),
                Sequence = table.Column<int>(nullable: false),
                To = table.Column<string>(maxLength: 256, nullable: false),
                Subject = table.Column<string>(maxLength: 200, nullable: false),
                Body = table.Column<string>(nullable: false),
                Ics = table.Column<string>(nullable: true),
                DueAt = table.Column<DateTime>(nullable: false),
                SentAt = table.Column<DateTime>(nullable: true),
                Attempts = table.Column<int>(nullable: false),
                LastError = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Notifications", x => x.Id));
        migrationBuilder.CreateIndex("IX_Notifications_SentAt_DueAt", "Notifications", ["SentAt", "DueAt"]);
        migrationBuilder.CreateIndex("IX_Notifications_BookingId_Kind_Sequence", "Notifications", ["BookingId", "Kind", "Sequence"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("Notifications");
        migrationBuilder.DropIndex("IX_Therapists_CalendarToken", "Therapists");
        migrationBuilder.DropColumn("CalendarToken", "Therapists");
    }
}
