using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pinpoint.Web.Data;

/// <summary>
/// Sets the SQLite pragmas this app relies on: WAL so readers never block the writer (a property of the database
/// file, so set once per file), and on every connection a busy timeout so a second writer waits instead of failing,
/// and enforced foreign keys. EF opens a connection for each query: the per-file pragma is kept off that path
/// because switching the journal mode takes a lock on the file.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string EveryConnection = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;";
    private const string OncePerFile = "PRAGMA journal_mode = WAL;";

    private readonly ConcurrentDictionary<string, bool> _walSet = new(StringComparer.Ordinal);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string Pragmas(DbConnection connection) =>
        _walSet.TryAdd(connection.DataSource, true) ? OncePerFile + EveryConnection : EveryConnection;
}
