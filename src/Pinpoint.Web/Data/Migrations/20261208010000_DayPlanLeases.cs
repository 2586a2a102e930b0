using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// Day plans are claimed in the database instead of an in-memory queue: the worker holding a plan and until when
/// (<c>LeaseOwner</c>, <c>LeaseUntil</c>), how far it has got (<c>Progress</c>, readable on every node) and how many
/// claims it took (<c>Runs</c>). A plan running at the upgrade has no lease, so it runs again on the first worker to look.
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261208010000_DayPlanLeases")]
public sealed class DayPlanLeases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("LeaseOwner", "DayPlans", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<DateTime>("LeaseUntil", "DayPlans", nullable: true);
        migrationBuilder.AddColumn<double>("Progress", "DayPlans", nullable: false, defaultValue: 0d);
        migrationBuilder.AddColumn<int>("Runs", "DayPlans", nullable: false, defaultValue: 0);
        // Plans left running by the old in-memory worker: back in the queue (a NULL lease never runs out).
        migrationBuilder.Sql("UPDATE \"DayPlans\" SET \"Status\" = 'Queued' WHERE \"Status\" = 'Running'");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("Runs", "DayPlans");
        migrationBuilder.DropColumn("Progress", "DayPlans");
        migrationBuilder.DropColumn("LeaseUntil", "DayPlans");
        migrationBuilder.DropColumn("LeaseOwner", "DayPlans");
    }
}
