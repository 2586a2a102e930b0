using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>Domain events stored with the change that raised them, and which handler has seen which.</summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261206000000_DomainEvents")]
public sealed class DomainEvents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Events",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Type = table.Column<string>(maxLength: 64, nullable: false),
                Payload = table.Column<string>(nullable: false),
                OccurredAt = table.Column<DateTime>(nullable: false),
                DispatchedAt = table.Column<DateTime>(nullable: true),
                LeaseUntil = table.Column<DateTime>(nullable: true),
                Attempts = table.Column<int>(nullable: false),
                LastError = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Events", x => x.Id));
        migrationBuilder.CreateIndex("IX_Events_DispatchedAt_Id", "Events", ["DispatchedAt", "Id"]);
        migrationBuilder.CreateTable(
            name: "EventDeliveries",
            columns: table => new
            {
                EventId = table.Column<long>(nullable: false),
                Handler = table.Column<string>(maxLength: 200, nullable: false),
                DeliveredAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EventDeliveries", x => new { x.EventId, x.Handler });
                table.ForeignKey("FK_EventDeliveries_Events_EventId", x => x.EventId, "Events", "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("EventDeliveries");
        migrationBuilder.DropTable("Events");
    }
}
