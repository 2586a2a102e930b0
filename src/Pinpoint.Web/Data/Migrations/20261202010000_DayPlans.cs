using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>Day plans for flexible bookings: the plan with its status and totals, per-therapist routes, and each booking's place in it.</summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261202010000_DayPlans")]
public sealed class DayPlans : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DayPlans",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Date = table.Column<DateOnly>(nullable: false),
                AreaId = table.Column<string>(maxLength: 64, nullable: false),
                Status = table.Column<string>(maxLength: 16, nullable: false),
                RequestedBy = table.Column<string>(maxLength: 450, nullable: false),
                RequestedAt = table.Column<DateTime>(nullable: false),
                CompletedAt = table.Column<DateTime>(nullable: true),
                ApprovedBy = table.Column<string>(maxLength: 450, nullable: true),
                ApprovedAt = table.Column<DateTime>(nullable: true),
                Error = table.Column<string>(maxLength: 500, nullable: true),
                TravelMinutes = table.Column<double>(nullable: false),
                NaiveTravelMinutes = table.Column<double>(nullable: false),
                NaiveUnassigned = table.Column<int>(nullable: false),
                TreatingMinutes = table.Column<double>(nullable: false),
                ShiftMinutes = table.Column<double>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DayPlans", x => x.Id));

        migrationBuilder.CreateTable(
            name: "DayPlanRoutes",
            columns: table => new
            {
                Id = Identity(table),
                PlanId = table.Column<Guid>(nullable: false),
                TherapistId = table.Column<Guid>(nullable: false),
                ShiftStart = table.Column<DateTime>(nullable: false),
                ShiftEnd = table.Column<DateTime>(nullable: false),
                TravelMinutes = table.Column<double>(nullable: false),
                TreatingMinutes = table.Column<double>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DayPlanRoutes", x => x.Id);
                table.ForeignKey("FK_DayPlanRoutes_DayPlans_PlanId", x => x.PlanId, "DayPlans", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_DayPlanRoutes_Therapists_TherapistId", x => x.TherapistId, "Therapists", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "DayPlanVisits",
            columns: table => new
            {
                Id = Identity(table),
                PlanId = table.Column<Guid>(nullable: false),
                BookingId = table.Column<Guid>(nullable: false),
                TherapistId = table.Column<Guid>(nullable: true),
                Order = table.Column<int>(nullable: true),
                PlannedStart = table.Column<DateTime>(nullable: true),
                DriveMinutes = table.Column<double>(nullable: false),
                Outcome = table.Column<string>(maxLength: 16, nullable: false),
                Reason = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DayPlanVisits", x => x.Id);
                table.ForeignKey("FK_DayPlanVisits_DayPlans_PlanId", x => x.PlanId, "DayPlans", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_DayPlanVisits_Bookings_BookingId", x => x.BookingId, "Bookings", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_DayPlans_Date_AreaId_Status", "DayPlans", ["Date", "AreaId", "Status"]);
        migrationBuilder.CreateIndex("IX_DayPlanRoutes_PlanId", "DayPlanRoutes", "PlanId");
        migrationBuilder.CreateIndex("IX_DayPlanRoutes_TherapistId", "DayPlanRoutes", "TherapistId");
        migrationBuilder.CreateIndex("IX_DayPlanVisits_PlanId", "DayPlanVisits", "PlanId");
        migrationBuilder.CreateIndex("IX_DayPlanVisits_BookingId", "DayPlanVisits", "BookingId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("DayPlanVisits");
        migrationBuilder.DropTable("DayPlanRoutes");
        migrationBuilder.DropTable("DayPlans");
    }

    private static OperationBuilder<AddColumnOperation> Identity(ColumnsBuilder table) =>
        table.Column<long>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
