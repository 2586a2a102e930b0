using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>SOAP notes per booking (content as JSON, signature) and their addenda.</summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261201010000_SessionNotes")]
public sealed class SessionNotesAndAddenda : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SessionNotes",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                BookingId = table.Column<Guid>(nullable: false),
                TherapistId = table.Column<Guid>(nullable: false),
                ClientUserId = table.Column<string>(maxLength: 450, nullable: false),
                ContentJson = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 450, nullable: false),
                SignedAt = table.Column<DateTime>(nullable: true),
                SignedBy = table.Column<string>(maxLength: 450, nullable: true),
                AutoSigned = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SessionNotes", x => x.Id);
                table.ForeignKey("FK_SessionNotes_Bookings_BookingId", x => x.BookingId, "Bookings", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_SessionNotes_BookingId", "SessionNotes", "BookingId", unique: true);
        migrationBuilder.CreateIndex("IX_SessionNotes_ClientUserId_CreatedAt", "SessionNotes", ["ClientUserId", "CreatedAt"]);

        migrationBuilder.CreateTable(
            name: "NoteAddenda",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                NoteId = table.Column<Guid>(nullable: false),
                AuthorUserId = table.Column<string>(maxLength: 450, nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Text = table.Column<string>(maxLength: 2000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_NoteAddenda", x => x.Id);
                table.ForeignKey("FK_NoteAddenda_SessionNotes_NoteId", x => x.NoteId, "SessionNotes", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_NoteAddenda_NoteId", "NoteAddenda", "NoteId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("NoteAddenda");
        migrationBuilder.DropTable("SessionNotes");
    }
}
