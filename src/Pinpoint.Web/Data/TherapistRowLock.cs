using Microsoft.EntityFrameworkCore;

namespace Pinpoint.Web.Data;

/// <summary>
/// Saves a change to what a booking checks (a therapist's hours, time off) under the same row lock a booking, a move or a
/// plan approval holds while it checks and writes, so the two cannot interleave: the booking sees the time off, or the
/// time off is saved after the booking (and the therapist sees that visit). PostgreSQL only; SQLite has one writer.
/// </summary>
public static class TherapistRowLock
{
    public static async Task SaveLockedAsync(this PinpointDb db, Guid therapistId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql() || db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Therapists\" WHERE \"Id\" = {therapistId} FOR UPDATE", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
