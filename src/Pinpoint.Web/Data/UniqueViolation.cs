using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Pinpoint.Web.Data;

/// <summary>A write that lost a race for a unique key: an expected outcome on retries and across nodes, not a fault.</summary>
public static class UniqueViolation
{
    private const int SqliteConstraint = 19;

    public static bool Is(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        _ => false,
    };
}
