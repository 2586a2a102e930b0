using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// Two-way trust: therapists' private ratings of clients (one per visit), therapists' blocks of clients (one per
/// therapist and client) and operators' suspensions of clients (at most one open per client, kept after reinstatement).
/// On PostgreSQL one client's confirmed visits may no longer overlap, whoever the therapists: an exclusion constraint
/// like the therapist's. Creating it fails, naming the client and the two ranges, if the data already holds such a
/// pair (the bug this closes let clients make them): cancel one of each pair and start again.
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261206200000_ClientTrust")]
public sealed class ClientTrust : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ClientRatings",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                BookingId = table.Column<Guid>(nullable: false),
                TherapistId = table.Column<Guid>(nullable: false),
                ClientUserId = table.Column<string>(maxLength: 450, nullable: false),
                Rating = table.Column<int>(nullable: false),
                Note = table.Column<string>(maxLength: 1000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 450, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClientRatings", x => x.Id);
                table.ForeignKey("FK_ClientRatings_Bookings_BookingId", x => x.BookingId, "Bookings", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ClientRatings_Therapists_TherapistId", x => x.TherapistId, "Therapists", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ClientRatings_AspNetUsers_ClientUserId", x => x.ClientUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ClientRatings_BookingId", "ClientRatings", "BookingId", unique: true);
        migrationBuilder.CreateIndex("IX_ClientRatings_ClientUserId_CreatedAt", "ClientRatings", ["ClientUserId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_ClientRatings_CreatedAt", "ClientRatings", "CreatedAt");
        migrationBuilder.CreateIndex("IX_ClientRatings_TherapistId", "ClientRatings", "TherapistId");

        migrationBuilder.CreateTable(
            name: "ClientBlocks",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                TherapistId = table.Column<Guid>(nullable: false),
                ClientUserId = table.Column<string>(maxLength: 450, nullable: false),
                BookingId = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 450, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClientBlocks", x => x.Id);
                table.ForeignKey("FK_ClientBlocks_Therapists_TherapistId", x => x.TherapistId, "Therapists", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ClientBlocks_AspNetUsers_ClientUserId", x => x.ClientUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ClientBlocks_TherapistId_ClientUserId", "ClientBlocks", ["TherapistId", "ClientUserId"], unique: true);
        migrationBuilder.CreateIndex("IX_ClientBlocks_ClientUserId_TherapistId", "ClientBlocks", ["ClientUserId", "TherapistId"]);
        migrationBuilder.CreateIndex("IX_ClientBlocks_CreatedAt", "ClientBlocks", "CreatedAt");

        migrationBuilder.CreateTable(
            name: "ClientSuspensions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ClientUserId = table.Column<string>(maxLength: 450, nullable: false),
                Reason = table.Column<string>(maxLength: 500, nullable: false),
                SuspendedAt = table.Column<DateTime>(nullable: false),
                SuspendedBy = table.Column<string>(maxLength: 450, nullable: false),
                ReinstatedAt = table.Column<DateTime>(nullable: true),
                ReinstatedBy = table.Column<string>(maxLength: 450, nullable: true),
                ReinstatementNote = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClientSuspensions", x => x.Id);
                table.ForeignKey("FK_ClientSuspensions_AspNetUsers_ClientUserId", x => x.ClientUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ClientSuspensions_ClientUserId_Open", "ClientSuspensions", "ClientUserId", unique: true,
            filter: Configurations.ClientSuspensionConfiguration.OpenFilter);
        migrationBuilder.CreateIndex("IX_ClientSuspensions_ClientUserId_SuspendedAt", "ClientSuspensions", ["ClientUserId", "SuspendedAt"]);

        if (migrationBuilder.IsNpgsql())
        {
            // btree_gist (for "=" on the client's id) came with the therapist's constraint.
            migrationBuilder.Sql(
                $"""
                ALTER TABLE "Bookings" ADD CONSTRAINT "{Features.Booking.BookingService.ClientOverlapConstraint}"
                EXCLUDE USING gist ("ClientUserId" WITH =, tstzrange("OccupiedStart", "OccupiedEnd", '[)') WITH &&)
                WHERE ("Status" = 'Confirmed' AND "OccupiedStart" IS NOT NULL);
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql($"ALTER TABLE \"Bookings\" DROP CONSTRAINT \"{Features.Booking.BookingService.ClientOverlapConstraint}\";");
        }

        migrationBuilder.DropTable("ClientSuspensions");
        migrationBuilder.DropTable("ClientBlocks");
        migrationBuilder.DropTable("ClientRatings");
    }
}
