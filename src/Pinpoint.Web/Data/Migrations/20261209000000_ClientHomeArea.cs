using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// A client's home area (<c>AspNetUsers.HomeArea</c>, a service area's key): where their own dates, "today" and
/// prices are counted when no address is at hand. Every client who has booked starts with the area of their latest
/// booking's address; the others (and every other account) start with none, which reads as the home area. The five
/// areas' boxes are written out as they stood when this ran (they do not overlap), so the step never changes meaning.
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261209000000_ClientHomeArea")]
public sealed class ClientHomeArea : Migration
{
    private static readonly (string Key, double South, double West, double North, double East)[] Areas =
    [
        ("melbourne", -38.5, 144.4, -37.4, 145.6),
        ("sydney", -34.2, 150.5, -33.5, 151.4),
        ("brisbane", -27.8, 152.6, -27.1, 153.3),
        ("perth", -32.4, 115.6, -31.6, 116.1),
        ("auckland", -37.2, 174.5, -36.6, 175.0),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("HomeArea", "AspNetUsers", maxLength: 32, nullable: true);
        var cases = string.Join(" ", Areas.Select(a => string.Create(CultureInfo.InvariantCulture,
            $"WHEN b.\"ClientLatitude\" BETWEEN {a.South} AND {a.North} AND b.\"ClientLongitude\" BETWEEN {a.West} AND {a.East} THEN '{a.Key}'")));
        migrationBuilder.Sql(
            "UPDATE \"AspNetUsers\" SET \"HomeArea\" = (" +
            $"SELECT CASE {cases} ELSE NULL END FROM \"Bookings\" b WHERE b.\"ClientUserId\" = \"AspNetUsers\".\"Id\" " +
            "ORDER BY b.\"CreatedAt\" DESC, b.\"Id\" DESC LIMIT 1) " +
            "WHERE EXISTS (SELECT 1 FROM \"Bookings\" b WHERE b.\"ClientUserId\" = \"AspNetUsers\".\"Id\");");
    }

    // EF's SQLite provider refuses DropColumn; SQLite itself (3.35 and later) drops a plain column like this one in place.
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("ALTER TABLE \"AspNetUsers\" DROP COLUMN \"HomeArea\";");
            return;
        }

        migrationBuilder.DropColumn("HomeArea", "AspNetUsers");
    }
}
