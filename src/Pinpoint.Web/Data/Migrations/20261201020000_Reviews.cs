using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>Clients' ratings of completed sessions, one per booking.</summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261201020000_Reviews")]
public sealed class Reviews : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Reviews",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                BookingId = table.Column<Guid>(nullable: false),
                TherapistId = table.Column<Guid>(nullable: false),
                ClientUserId = table.Column<string>(maxLength: 450, nullable: false),
                Rating = table.Column<int>(nullable: false),
                Comment = table.Column<string>(maxLength: 1000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Reviews", x => x.Id);
                table.ForeignKey("FK_Reviews_Bookings_BookingId", x => x.BookingId, "Bookings", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Reviews_BookingId", "Reviews", "BookingId", unique: true);
        migrationBuilder.CreateIndex("IX_Reviews_TherapistId_CreatedAt", "Reviews", ["TherapistId", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Reviews");
}
