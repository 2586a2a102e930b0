using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Booking;

/// <summary>
/// Runs the part of a booking change that checks a time is free and writes it, in a transaction serialised per
/// therapist. PostgreSQL: the therapist's row is locked FOR UPDATE, so other therapists' bookings go ahead in parallel.
/// SQLite has one writer per database anyway: the work runs on one dedicated thread, back to back, each in its own
/// BEGIN IMMEDIATE transaction. Queueing in process avoids polling the file lock with SQLite's busy handler (which
/// sleeps in steps of milliseconds) and the thread-pool hop of handing a lock from one request to the next, which
/// under load cost more than the work itself.
/// </summary>
public sealed class BookingWriteGate : IDisposable
{
    private readonly BlockingCollection<Action> _sqliteWork = [];
    private readonly Lazy<Thread> _writer;

    public BookingWriteGate()
    {
        _writer = new Lazy<Thread>(() =>
        {
            var thread = new Thread(() =>
            {
                foreach (var work in _sqliteWork.GetConsumingEnumerable())
                {
                    work();
                }
            })
            { IsBackground = true, Name = "Pinpoint SQLite booking writer" };
            thread.Start();
            return thread;
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the transaction; it commits what it wants kept (anything else is rolled back).
    /// On SQLite it runs on the writer thread while the caller waits, so it must not use the context elsewhere meanwhile.
    /// </summary>
    public Task<T> RunAsync<T>(PinpointDb db, Guid therapistId, Func<IDbContextTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        if (!db.Database.IsSqlite())
        {
            return RunLockedAsync(db, therapistId, work, cancellationToken);
        }

        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = _writer.Value;
        _sqliteWork.Add(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                T result;
                using (var transaction = db.Database.BeginTransaction())
                {
                    // SQLite's ADO.NET provider completes its async calls synchronously: this does not block on I/O waits.
                    result = work(transaction).GetAwaiter().GetResult();
                }

                // Only once the transaction is disposed: the caller takes its context back on another thread.
                done.TrySetResult(result);
            }
#pragma warning disable CA1031 // Every failure goes back to the caller's await.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                done.TrySetException(exception);
            }
        }, cancellationToken);
        return done.Task;
    }

    private static async Task<T> RunLockedAsync<T>(PinpointDb db, Guid therapistId, Func<IDbContextTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Therapists\" WHERE \"Id\" = {therapistId} FOR UPDATE", cancellationToken);
        return await work(transaction);
    }

    public void Dispose()
    {
        _sqliteWork.CompleteAdding();
        _sqliteWork.Dispose();
    }
}
