using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// A price list per currency: a modality's session length has one price in each currency a service area quotes in
/// (AUD for the Australian cities, NZD for Auckland), so the currency joins the key. PostgreSQL swaps the key in place;
/// SQLite cannot alter a primary key, so the small table is copied into a new one.
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261208030000_PricesPerCurrency")]
public sealed class PricesPerCurrency : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.DropPrimaryKey("PK_ModalityPrices", "ModalityPrices");
            migrationBuilder.AddPrimaryKey("PK_ModalityPrices", "ModalityPrices", ["Modality", "DurationMinutes", "Currency"]);
            return;
        }

        migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
        migrationBuilder.CreateTable(
            name: "ef_temp_ModalityPrices",
            columns: table => new
            {
                Modality = table.Column<string>(maxLength: 32, nullable: false),
                DurationMinutes = table.Column<int>(nullable: false),
                Amount = table.Column<decimal>(precision: 10, scale: 2, nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ModalityPrices", x => new { x.Modality, x.DurationMinutes, x.Currency });
                table.ForeignKey("FK_ModalityPrices_Modalities_Modality", x => x.Modality, "Modalities", "Modality",
                    onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.Sql(
            "INSERT INTO \"ef_temp_ModalityPrices\" (\"Modality\", \"DurationMinutes\", \"Amount\", \"Currency\") " +
            "SELECT \"Modality\", \"DurationMinutes\", \"Amount\", \"Currency\" FROM \"ModalityPrices\";");
        migrationBuilder.DropTable("ModalityPrices");
        migrationBuilder.RenameTable("ef_temp_ModalityPrices", newName: "ModalityPrices");
        migrationBuilder.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Prices in a second currency cannot share the old key.");
}
