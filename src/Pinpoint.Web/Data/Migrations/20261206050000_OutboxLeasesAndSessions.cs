using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// Exactly-once email and sessions that end. The outbox's rows are claimed with a lease (<c>ClaimedUntil</c>,
/// <c>ClaimedBy</c>) and marked sent only after the send; the (SentAt, DueAt) index grows a third column so the
/// due-and-free question is answered from the index. <c>UserSessions</c> lists each signed-in browser, so logging
/// out ends that one session at once, on every node.
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261206050000_OutboxLeasesAndSessions")]
public sealed class OutboxLeasesAndSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>("ClaimedUntil", "Notifications", nullable: true);
        migrationBuilder.AddColumn<string>("ClaimedBy", "Notifications", maxLength: 100, nullable: true);
        migrationBuilder.DropIndex("IX_Notifications_SentAt_DueAt", "Notifications");
        migrationBuilder.CreateIndex("IX_Notifications_SentAt_DueAt_ClaimedUntil", "Notifications", ["SentAt", "DueAt", "ClaimedUntil"]);

        migrationBuilder.CreateTable(
            name: "UserSessions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                SeenAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserSessions", x => x.Id);
                table.ForeignKey("FK_UserSessions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_UserSessions_UserId_SeenAt", "UserSessions", ["UserId", "SeenAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("UserSessions");
        migrationBuilder.DropIndex("IX_Notifications_SentAt_DueAt_ClaimedUntil", "Notifications");
        migrationBuilder.CreateIndex("IX_Notifications_SentAt_DueAt", "Notifications", ["SentAt", "DueAt"]);
        migrationBuilder.DropColumn("ClaimedBy", "Notifications");
        migrationBuilder.DropColumn("ClaimedUntil", "Notifications");
    }
}
