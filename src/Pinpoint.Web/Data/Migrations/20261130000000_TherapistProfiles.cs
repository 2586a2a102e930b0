using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// Therapist onboarding (issue 4): profile fields, vetting decisions, working hours, schedule exceptions and
/// uploaded files. New columns on existing tables carry defaults so that rows from before fill in, and add no
/// foreign keys (SQLite cannot add one without rebuilding the table).
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261130000000_TherapistProfiles")]
public sealed class TherapistProfiles : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("Gender", "Therapists", maxLength: 16, nullable: false, defaultValue: "Unspecified");
        migrationBuilder.AddColumn<string>("Languages", "Therapists", maxLength: 500, nullable: false, defaultValue: "English");
        migrationBuilder.AddColumn<int>("YearsOfExperience", "Therapists", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<string>("Interests", "Therapists", maxLength: 500, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<Guid>("PhotoId", "Therapists", nullable: true);
        migrationBuilder.AddColumn<string>("HomeAddress", "Therapists", maxLength: 300, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>("HomePostcode", "Therapists", maxLength: 10, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<int>("MaxTravelMinutes", "Therapists", nullable: true);
        migrationBuilder.AddColumn<double>("MaxRadiusKm", "Therapists", nullable: true);
        migrationBuilder.AddColumn<int>("MaxSessionsPerDay", "Therapists", nullable: false, defaultValue: 5);
        migrationBuilder.AddColumn<int>("MinBreakMinutes", "Therapists", nullable: false, defaultValue: 15);
        migrationBuilder.AddColumn<DateTime>("UpdatedAt", "Therapists", nullable: true);

        migrationBuilder.AddColumn<Guid>("DocumentId", "TherapistCredentials", nullable: true);
        migrationBuilder.AddColumn<DateTime>("SubmittedAt", "TherapistCredentials", nullable: true);
        migrationBuilder.AddColumn<DateTime>("DecidedAt", "TherapistCredentials", nullable: true);
        migrationBuilder.AddColumn<string>("DecidedByUserId", "TherapistCredentials", maxLength: 450, nullable: true);
        migrationBuilder.AddColumn<string>("DecisionReason", "TherapistCredentials", maxLength: 1000, nullable: true);

        migrationBuilder.CreateTable(
            name: "CredentialDecisions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CredentialId = table.Column<Guid>(nullable: false),
                TherapistId = table.Column<Guid>(nullable: false),
                Modality = table.Column<string>(maxLength: 32, nullable: false),
                Decision = table.Column<string>(maxLength: 16, nullable: false),
                Reason = table.Column<string>(maxLength: 1000, nullable: false),
                DecidedByUserId = table.Column<string>(maxLength: 450, nullable: false),
                DecidedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_CredentialDecisions", x => x.Id));

        migrationBuilder.CreateTable(
            name: "TherapistWorkingHours",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                TherapistId = table.Column<Guid>(nullable: false),
                DayOfWeek = table.Column<string>(maxLength: 16, nullable: false),
                Start = table.Column<TimeOnly>(nullable: false),
                End = table.Column<TimeOnly>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TherapistWorkingHours", x => x.Id);
                table.ForeignKey("FK_TherapistWorkingHours_Therapists_TherapistId", x => x.TherapistId, "Therapists", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TherapistScheduleExceptions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                TherapistId = table.Column<Guid>(nullable: false),
                FirstDay = table.Column<DateOnly>(nullable: false),
                LastDay = table.Column<DateOnly>(nullable: false),
                Start = table.Column<TimeOnly>(nullable: true),
                End = table.Column<TimeOnly>(nullable: true),
                Note = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TherapistScheduleExceptions", x => x.Id);
                table.ForeignKey("FK_TherapistScheduleExceptions_Therapists_TherapistId", x => x.TherapistId, "Therapists", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "StoredFiles",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OwnerUserId = table.Column<string>(maxLength: 450, nullable: false),
                Kind = table.Column<string>(maxLength: 32, nullable: false),
                ContentType = table.Column<string>(maxLength: 100, nullable: false),
                FileName = table.Column<string>(maxLength: 255, nullable: false),
                Length = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                Content = table.Column<byte[]>(nullable: false),
                UploadedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StoredFiles", x => x.Id);
                table.ForeignKey("FK_StoredFiles_AspNetUsers_OwnerUserId", x => x.OwnerUserId, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_CredentialDecisions_CredentialId", "CredentialDecisions", "CredentialId");
        migrationBuilder.CreateIndex("IX_TherapistWorkingHours_TherapistId", "TherapistWorkingHours", "TherapistId");
        migrationBuilder.CreateIndex("IX_TherapistScheduleExceptions_TherapistId_FirstDay", "TherapistScheduleExceptions",
            ["TherapistId", "FirstDay"]);
        migrationBuilder.CreateIndex("IX_StoredFiles_OwnerUserId", "StoredFiles", "OwnerUserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "StoredFiles", "TherapistScheduleExceptions", "TherapistWorkingHours", "CredentialDecisions" })
        {
            migrationBuilder.DropTable(table);
        }

        foreach (var column in new[] { "DocumentId", "SubmittedAt", "DecidedAt", "DecidedByUserId", "DecisionReason" })
        {
            migrationBuilder.DropColumn(column, "TherapistCredentials");
        }

        foreach (var column in new[]
                 {
                     "Gender", "Languages", "YearsOfExperience", "Interests", "PhotoId", "HomeAddress", "HomePostcode",
                     "MaxTravelMinutes", "MaxRadiusKm", "MaxSessionsPerDay", "MinBreakMinutes", "UpdatedAt",
                 })
        {
            migrationBuilder.DropColumn(column, "Therapists");
        }
    }
}
