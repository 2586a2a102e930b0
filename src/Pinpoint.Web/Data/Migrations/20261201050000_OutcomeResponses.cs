using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>Clients' answers to outcome questionnaires, with their scores.</summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261201050000_OutcomeResponses")]
public sealed class OutcomeResponses : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "OutcomeResponses",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ClientUserId = table.Column<string>(maxLength: 450, nullable: false),
                InstrumentId = table.Column<string>(maxLength: 16, nullable: false),
                AnswersJson = table.Column<string>(nullable: false),
                LabelsJson = table.Column<string>(nullable: true),
                Score = table.Column<double>(nullable: false),
                TakenAt = table.Column<DateTime>(nullable: false),
                AfterSessions = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OutcomeResponses", x => x.Id);
                table.ForeignKey("FK_OutcomeResponses_AspNetUsers_ClientUserId", x => x.ClientUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_OutcomeResponses_ClientUserId_InstrumentId_TakenAt", "OutcomeResponses", ["ClientUserId", "InstrumentId", "TakenAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("OutcomeResponses");
}
