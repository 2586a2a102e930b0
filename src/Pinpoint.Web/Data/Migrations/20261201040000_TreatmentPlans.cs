using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>Treatment plans, and which plan (and which session of it) a booking belongs to.</summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261201040000_TreatmentPlans")]
public sealed class TreatmentPlans : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "TreatmentPlans",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClientUserId = table.Column<string>(maxLength: 450, nullable: false),
                TherapistId = table.Column<Guid>(nullable: false),
                Modality = table.Column<string>(maxLength: 32, nullable: false),
                DurationMinutes = table.Column<int>(nullable: false),
                Sessions = table.Column<int>(nullable: false),
                CadenceDays = table.Column<int>(nullable: false),
                GoalsJson = table.Column<string>(nullable: false),
                GoalNote = table.Column<string>(maxLength: 500, nullable: true),
                Status = table.Column<string>(maxLength: 16, nullable: false),
                IdempotencyKey = table.Column<string>(maxLength: 80, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Reassessment = table.Column<string>(maxLength: 2000, nullable: true),
                ReassessedAt = table.Column<DateTime>(nullable: true),
                ReassessedBy = table.Column<string>(maxLength: 450, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TreatmentPlans", x => x.Id);
                table.ForeignKey("FK_TreatmentPlans_Therapists_TherapistId", x => x.TherapistId, "Therapists", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_TreatmentPlans_ClientUserId_IdempotencyKey", "TreatmentPlans", ["ClientUserId", "IdempotencyKey"], unique: true);
        migrationBuilder.CreateIndex("IX_TreatmentPlans_TherapistId", "TreatmentPlans", "TherapistId");

        migrationBuilder.AddColumn<Guid>("PlanId", "Bookings", nullable: true);
        migrationBuilder.AddColumn<int>("PlanSession", "Bookings", nullable: true);
        migrationBuilder.CreateIndex("IX_Bookings_PlanId", "Bookings", "PlanId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Bookings_PlanId", "Bookings");
        migrationBuilder.DropColumn("PlanSession", "Bookings");
        migrationBuilder.DropColumn("PlanId", "Bookings");
        migrationBuilder.DropTable("TreatmentPlans");
    }
}
