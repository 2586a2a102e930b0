using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Booking;

/// <summary>
/// Opens the write transaction a booking change checks and writes in, serialised per therapist. PostgreSQL: the
/// therapist's row is locked FOR UPDATE (other therapists' bookings go ahead in parallel). SQLite has one writer per
/// database anyway: waiters queue here, in process and in order, before BEGIN IMMEDIATE, instead of polling the file
/// lock with SQLite's busy handler (which sleeps in steps of milliseconds and caps throughput far below the disk's).
/// </summary>
public sealed class BookingWriteGate
{
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    public async Task<Lease> EnterAsync(PinpointDb db, Guid therapistId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            await _sqliteWriter.WaitAsync(cancellationToken);
        }

        try
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Therapists\" WHERE \"Id\" = {therapistId} FOR UPDATE", cancellationToken);
            }

            return new Lease(transaction, sqlite ? _sqliteWriter : null);
        }
        catch
        {
            if (sqlite)
            {
                _sqliteWriter.Release();
            }

            throw;
        }
    }

    /// <summary>The open transaction; disposing it rolls back what was not committed and lets the next writer in.</summary>
    public sealed class Lease(IDbContextTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
    {
        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public Task RollbackAsync(CancellationToken cancellationToken) => transaction.RollbackAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await transaction.DisposeAsync();
            }
            finally
            {
                gate?.Release();
            }
        }
    }
}
