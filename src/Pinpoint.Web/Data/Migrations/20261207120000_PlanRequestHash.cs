using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// A treatment plan keeps the fingerprint of the request that made it, so its Idempotency-Key sent again with another
/// body is refused (422) instead of answered with this plan. Nullable: plans made before have none and replay as before.
/// A nullable column is added in place on both providers.
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261207120000_PlanRequestHash")]
public sealed class PlanRequestHash : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("RequestHash", "TreatmentPlans", maxLength: 64, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("RequestHash", "TreatmentPlans");
}
