using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// Accounts opened on a sign-up page wait for their emailed link before they can sign in
/// (<c>AwaitingConfirmation</c>). Every account that exists already is open: the column starts false for all of them.
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261207000000_SignUpConfirmation")]
public sealed class SignUpConfirmation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<bool>("AwaitingConfirmation", "AspNetUsers", nullable: false, defaultValue: false);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("AwaitingConfirmation", "AspNetUsers");
}
