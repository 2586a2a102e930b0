using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinpoint.Web.Data.Migrations;

/// <summary>
/// PostgreSQL tells every node when what the search caches hold has changed: triggers on the therapist tables and on
/// bookings call <c>pg_notify('pinpoint_cache', …)</c> ("profiles:&lt;therapist id&gt;", "visits:&lt;UTC date&gt;"). A
/// trigger sees every change however it is made (EF saves, ExecuteUpdate/Delete, raw SQL, another tool), and a
/// notification is sent only when its transaction commits, so a rollback tells nobody. Identical notifications in one
/// transaction are delivered once, so a bulk update sends one per therapist or day. SQLite has one process and keeps
/// in-process invalidation.
/// </summary>
[DbContext(typeof(PinpointDb))]
[Migration("20261208020000_CacheSignals")]
public sealed class CacheSignals : Migration
{
    /// <summary>The channel the triggers notify and every node listens on.</summary>
    public const string Channel = "pinpoint_cache";

    private static readonly (string Table, string Column)[] ProfileTables =
    [
        ("Therapists", "Id"), ("TherapistCredentials", "TherapistId"), ("TherapistWorkingHours", "TherapistId"),
        ("TherapistScheduleExceptions", "TherapistId"), ("Reviews", "TherapistId"),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsNpgsql())
        {
            return;
        }

        // The therapist's id column is the trigger's argument, so one function serves every table.
        migrationBuilder.Sql($"""
            CREATE FUNCTION pinpoint_profile_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' THEN
                    PERFORM pg_notify('{Channel}', 'profiles:' || (to_jsonb(OLD) ->> TG_ARGV[0]));
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    PERFORM pg_notify('{Channel}', 'profiles:' || (to_jsonb(NEW) ->> TG_ARGV[0]));
                END IF;
                RETURN NULL;
            END $$;
            """);
        foreach (var (table, column) in ProfileTables)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TR_{table}_Cache" AFTER INSERT OR UPDATE OR DELETE ON "{table}"
                FOR EACH ROW EXECUTE FUNCTION pinpoint_profile_changed('{column}');
                """);
        }

        // A booking touches the UTC days of its occupied start, before and after the change. Only the columns a search
        // reads: a visit-day tap (stage, position) or a note tells nobody.
        migrationBuilder.Sql($"""
            CREATE FUNCTION pinpoint_booking_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' AND OLD."OccupiedStart" IS NOT NULL THEN
                    PERFORM pg_notify('{Channel}', 'visits:' || to_char(OLD."OccupiedStart" AT TIME ZONE 'UTC', 'YYYY-MM-DD'));
                END IF;
                IF TG_OP <> 'DELETE' AND NEW."OccupiedStart" IS NOT NULL THEN
                    PERFORM pg_notify('{Channel}', 'visits:' || to_char(NEW."OccupiedStart" AT TIME ZONE 'UTC', 'YYYY-MM-DD'));
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER "TR_Bookings_Cache" AFTER INSERT OR DELETE ON "Bookings"
            FOR EACH ROW EXECUTE FUNCTION pinpoint_booking_changed();
            CREATE TRIGGER "TR_Bookings_Cache_Update"
            AFTER UPDATE OF "OccupiedStart", "OccupiedEnd", "Status", "TherapistId", "ClientLatitude", "ClientLongitude", "ClientUserId" ON "Bookings"
            FOR EACH ROW EXECUTE FUNCTION pinpoint_booking_changed();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsNpgsql())
        {
            return;
        }

        migrationBuilder.Sql("""DROP TRIGGER "TR_Bookings_Cache_Update" ON "Bookings"; DROP TRIGGER "TR_Bookings_Cache" ON "Bookings"; DROP FUNCTION pinpoint_booking_changed();""");
        foreach (var (table, _) in ProfileTables)
        {
            migrationBuilder.Sql($"""DROP TRIGGER "TR_{table}_Cache" ON "{table}";""");
        }

        migrationBuilder.Sql("DROP FUNCTION pinpoint_profile_changed();");
    }
}
