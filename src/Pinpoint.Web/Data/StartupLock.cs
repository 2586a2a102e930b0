using Microsoft.EntityFrameworkCore;

namespace Pinpoint.Web.Data;

/// <summary>
/// Start-up work that several nodes would otherwise do at once (seeding): on PostgreSQL a session advisory lock lets one
/// node work while the others wait and then find it done; SQLite has one writer at a time already.
/// </summary>
public static class StartupLock
{
    /// <summary>An arbitrary number no other code uses as an advisory lock key ("pinpoint" in ASCII, truncated).</summary>
    private const long SeedingKey = 0x70696E706F696E74;

    public static async Task RunExclusiveAsync(PinpointDb db, Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        if (!db.Database.IsNpgsql())
        {
            await work();
            return;
        }

        // The lock belongs to the connection: keep it open for the whole work, and release it however the work ends.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SeedingKey})", cancellationToken);
            try
            {
                await work();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({SeedingKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
