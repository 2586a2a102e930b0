using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>Client intake (issue 5): drafts, submitted versions, consents, the audit trail, and the bookings table the access rule reads.</summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261130010000_IntakeAndConsent")]
public sealed class IntakeAndConsent : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "IntakeDrafts",
            columns: table => new
            {
                ClientUserId = table.Column<string>(maxLength: 450, nullable: false),
                ContentJson = table.Column<string>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IntakeDrafts", x => x.ClientUserId);
                table.ForeignKey("FK_IntakeDrafts_AspNetUsers_ClientUserId", x => x.ClientUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "IntakeVersions",
            columns: table => new
            {
                Id = Identity(table),
                ClientUserId = table.Column<string>(maxLength: 450, nullable: false),
                Version = table.Column<int>(nullable: false),
                ContentJson = table.Column<string>(nullable: false),
                ScreeningJson = table.Column<string>(nullable: false),
                Outcome = table.Column<string>(maxLength: 16, nullable: false),
                SubmittedAt = table.Column<DateTime>(nullable: false),
                RetainedAfterDeletionAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IntakeVersions", x => x.Id);
                table.ForeignKey("FK_IntakeVersions_AspNetUsers_ClientUserId", x => x.ClientUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Consents",
            columns: table => new
            {
                Id = Identity(table),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                Kind = table.Column<string>(maxLength: 32, nullable: false),
                TextVersion = table.Column<string>(maxLength: 64, nullable: false),
                AcceptedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Consents", x => x.Id);
                table.ForeignKey("FK_Consents_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = Identity(table),
                ActorUserId = table.Column<string>(maxLength: 450, nullable: false),
                Action = table.Column<string>(maxLength: 64, nullable: false),
                SubjectUserId = table.Column<string>(maxLength: 450, nullable: false),
                Resource = table.Column<string>(maxLength: 200, nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Bookings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClientUserId = table.Column<string>(maxLength: 450, nullable: false),
                TherapistId = table.Column<Guid>(nullable: false),
                Modality = table.Column<string>(maxLength: 32, nullable: false),
                DurationMinutes = table.Column<int>(nullable: false),
                Start = table.Column<DateTime>(nullable: false),
                End = table.Column<DateTime>(nullable: false),
                OccupiedStart = table.Column<DateTime>(nullable: false),
                OccupiedEnd = table.Column<DateTime>(nullable: false),
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
            });

        if (migrationBuilder.IsNpgsql())
        {
            // No double booking, even across app instances: one therapist's occupied ranges never overlap
            // (cancelled bookings free their time). The app checks first and turns a violation (23P01) into a 409.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS btree_gist;");
            migrationBuilder.Sql(
                """
                ALTER TABLE "Bookings" ADD CONSTRAINT "EX_Bookings_TherapistId_Occupied"
                EXCLUDE USING gist ("TherapistId" WITH =, tstzrange("OccupiedStart", "OccupiedEnd", '[)') WITH &&)
                WHERE ("Status" <> 'Cancelled');
                """);
        }

        migrationBuilder.CreateIndex("IX_IntakeVersions_ClientUserId_Version", "IntakeVersions", ["ClientUserId", "Version"], unique: true);
        migrationBuilder.CreateIndex("IX_Consents_UserId", "Consents", "UserId");
        migrationBuilder.CreateIndex("IX_AuditEntries_SubjectUserId_At", "AuditEntries", ["SubjectUserId", "At"]);
        migrationBuilder.CreateIndex("IX_Bookings_TherapistId_ClientUserId", "Bookings", ["TherapistId", "ClientUserId"]);
        migrationBuilder.CreateIndex("IX_Bookings_TherapistId_OccupiedStart", "Bookings", ["TherapistId", "OccupiedStart"]);
        migrationBuilder.CreateIndex("IX_Bookings_ClientUserId_IdempotencyKey", "Bookings", ["ClientUserId", "IdempotencyKey"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "Bookings", "AuditEntries", "Consents", "IntakeVersions", "IntakeDrafts" })
        {
            migrationBuilder.DropTable(table);
        }
    }

    private static OperationBuilder<AddColumnOperation> Identity(ColumnsBuilder table) =>
        table.Column<long>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
