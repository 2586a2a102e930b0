using Microsoft.Data.Sqlite;
using Npgsql;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Tests.Infrastructure;

/// <summary>
/// An empty database of its own for one test class: a temp SQLite file, or a fresh PostgreSQL database on the
/// server named by <c>PINPOINT_TEST_POSTGRES</c> (set by ./test.sh). Deleted again on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PINPOINT_TEST_POSTGRES";

    private readonly string? _directory;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? directory, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>A scratch folder for app data (keys, uploads) next to the database.</summary>
    public string DataDirectory => _directory ?? throw new InvalidOperationException("No data directory.");

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var directory = Directory.CreateTempSubdirectory("pinpoint-test-").FullName;
        if (provider == DatabaseProvider.Sqlite)
        {
            var connection = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(directory, "pinpoint.db"),
                ForeignKeys = true,
                Pooling = false,
            }.ToString();
            return new TestDatabase(provider, connection, directory, null);
        }

        var server = PostgresServer();
        var name = $"pinpoint_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(provider, builder.ToString(), directory, name);
    }

    /// <summary>The maintenance connection string; fails loudly when ./test.sh did not provide a server.</summary>
    public static string PostgresServer() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. The PostgreSQL tests need a server: run ./test.sh, which starts a " +
                "throw-away one, or set the variable to a connection string of a server where you may create databases.");

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer());
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }

        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open only leaves litter in /tmp; it must not fail the test.
            }
        }
    }
}
