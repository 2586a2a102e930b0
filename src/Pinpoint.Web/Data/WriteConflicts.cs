using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Pinpoint.Web.Data;

/// <summary>
/// Writes that lost a race to another request: a unique key taken meanwhile, a row changed since it was read
/// (optimistic concurrency), or PostgreSQL giving up on a serialization failure or deadlock. Each is an expected
/// outcome of retries, double clicks and several nodes; the operation answers with what is stored now or a 409.
/// </summary>
public static class WriteConflicts
{
    /// <summary>True when <paramref name="exception"/> says another write got there first, so reading again gives the answer.</summary>
    public static bool IsLostRace(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException update when UniqueViolation.Is(update) => true,
        DbUpdateException { InnerException: PostgresException postgres } => IsTransient(postgres),
        PostgresException postgres => IsTransient(postgres),
        InvalidOperationException { InnerException: PostgresException postgres } => IsTransient(postgres),
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="attempt"/>; when it loses a race, forgets what it had tracked and runs it again, so the
    /// second run reads what the winner stored and answers from that (the stored result, or a 409 of its own).
    /// </summary>
    public static async Task<T> RetryAsync<T>(PinpointDb db, Func<Task<T>> attempt, int attempts = 3)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(attempt);
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception exception) when (i < attempts && IsLostRace(exception))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    // serialization_failure (40001) and deadlock_detected (40P01): the database rolled the transaction back.
    private static bool IsTransient(PostgresException exception) =>
        exception.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;
}
