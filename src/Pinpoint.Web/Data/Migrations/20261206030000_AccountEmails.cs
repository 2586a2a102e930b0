using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// The outbox carries account emails too (password reset, confirming a new address, notices of a changed email or
/// password): <c>BookingId</c> becomes nullable and <c>UserId</c> names the account, indexed for the per-account limit
/// on reset emails. The new kinds' names fit the existing 16 characters of <c>Kind</c>.
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261206030000_AccountEmails")]
public sealed class AccountEmails : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.AlterColumn<Guid>("BookingId", "Notifications", nullable: true, oldClrType: typeof(Guid), oldNullable: false);
            migrationBuilder.AddColumn<string>("UserId", "Notifications", maxLength: 450, nullable: true);
        }
        else
        {
            RebuildSqliteNotifications(migrationBuilder);
        }

        migrationBuilder.CreateIndex("IX_Notifications_UserId_Kind_DueAt", "Notifications", ["UserId", "Kind", "DueAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Account emails cannot be removed from the outbox without losing them.");

    // SQLite cannot relax NOT NULL in place: copy into a new table, as WindowBookings does (no foreign key points at
    // the outbox, so no pragma is needed around the swap).
    private static void RebuildSqliteNotifications(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ef_temp_Notifications",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                BookingId = table.Column<Guid>(nullable: true),
                UserId = table.Column<string>(maxLength: 450, nullable: true),
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
        const string columns = "\"Id\", \"BookingId\", \"Kind\", \"Sequence\", \"To\", \"Subject\", \"Body\", \"Ics\", \"DueAt\", \"SentAt\", \"Attempts\", \"LastError\"";
        migrationBuilder.Sql($"INSERT INTO \"ef_temp_Notifications\" ({columns}) SELECT {columns} FROM \"Notifications\";");
        migrationBuilder.DropTable("Notifications");
        migrationBuilder.RenameTable("ef_temp_Notifications", newName: "Notifications");
        migrationBuilder.CreateIndex("IX_Notifications_SentAt_DueAt", "Notifications", ["SentAt", "DueAt"]);
        migrationBuilder.CreateIndex("IX_Notifications_BookingId_Kind_Sequence", "Notifications", ["BookingId", "Kind", "Sequence"], unique: true);
    }
}
