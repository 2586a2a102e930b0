using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Data;

/// <summary>
/// Migrations must keep what is stored. SQLite cannot relax a column in place, so the window-booking migration copies
/// the bookings table into a new one; this test stores a booking and a review that points at it under the schema
/// before, migrates with foreign keys enforced (as the app runs), and finds both unchanged. PostgreSQL alters the
/// table in place and is not at risk in the same way.
/// </summary>
public sealed class MigrationDataTests
{
    private const string Before = "20261201050000_OutcomeResponses";

    [Fact]
    public async Task Rebuilding_the_bookings_table_on_SQLite_keeps_every_booking_and_what_points_at_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = Open(database))
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
        }

        var bookingId = Guid.NewGuid().ToString().ToUpperInvariant();
        Dictionary<string, object?> booking, review;
        await using (var connection = new SqliteConnection(database.ConnectionString + ";Foreign Keys=False"))
        {
            await connection.OpenAsync();
            booking = await InsertAsync(connection, "Bookings", new() { ["Id"] = bookingId, ["Status"] = "Confirmed" });
            review = await InsertAsync(connection, "Reviews", new() { ["BookingId"] = bookingId });
        }

        await using (var db = Open(database))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        await using var check = new SqliteConnection(database.ConnectionString);
        await check.OpenAsync();
        Assert.Equal(booking, await ReadAsync(check, "Bookings", booking.Keys, bookingId));
        Assert.Equal(review, await ReadAsync(check, "Reviews", review.Keys, review["Id"]!));
    }

    [Fact]
    public async Task Rebuilding_the_outbox_on_SQLite_keeps_every_message_and_numbers_new_ones_after_them()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = Open(database))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261206010000_BookingPainMap");
        }

        Dictionary<string, object?> queued;
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            queued = await InsertAsync(connection, "Notifications", new() { ["Id"] = 41L, ["BookingId"] = Guid.NewGuid().ToString().ToUpperInvariant(), ["Kind"] = "Reminder" });
        }

        await using (var db = Open(database))
        {
            await db.Database.MigrateAsync();
        }

        await using var check = new SqliteConnection(database.ConnectionString);
        await check.OpenAsync();
        Assert.Equal(queued, await ReadAsync(check, "Notifications", queued.Keys, 41L));
        var next = await InsertAsync(check, "Notifications", new() { ["Kind"] = "PasswordReset", ["UserId"] = "someone" });
        Assert.True((long)next["Id"]! > 41L, $"A new message was numbered {next["Id"]}, reusing an old message's number.");
    }

    private static PinpointDb Open(TestDatabase database) =>
        new(new DbContextOptionsBuilder<PinpointDb>()
            .UseSqlite(database.ConnectionString + ";Foreign Keys=True")
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);

    /// <summary>Inserts a row with a value in every required column (the given ones, else one of the column's type).</summary>
    private static async Task<Dictionary<string, object?>> InsertAsync(SqliteConnection connection, string table, Dictionary<string, object?> given)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"PRAGMA table_info(\"{table}\")";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (name, type, notNull, key) = (reader.GetString(1), reader.GetString(2), reader.GetInt64(3) == 1, reader.GetInt64(5) > 0);
                if (key && type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase) && !given.ContainsKey(name))
                {
                    continue; // numbered by the database
                }

                if (given.TryGetValue(name, out var value))
                {
                    row[name] = value;
                }
                else if (notNull)
                {
                    row[name] = type.ToUpperInvariant() switch
                    {
                        "INTEGER" => 3L,
                        "REAL" => 4.5,
                        "BLOB" => new byte[] { 1, 2 },
                        _ => $"{table}.{name}",
                    };
                }
            }
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", row.Keys.Select(k => $"\"{k}\""))}) VALUES ({string.Join(", ", row.Keys.Select((_, i) => $"$p{i}"))})";
        foreach (var (value, i) in row.Values.Select((v, i) => (v, i)))
        {
            insert.Parameters.AddWithValue($"$p{i}", value ?? DBNull.Value);
        }

        await insert.ExecuteNonQueryAsync();
        if (!row.ContainsKey("Id"))
        {
            await using var id = connection.CreateCommand();
            id.CommandText = "SELECT last_insert_rowid()";
            row["Id"] = await id.ExecuteScalarAsync();
        }

        return row;
    }

    private static async Task<Dictionary<string, object?>> ReadAsync(SqliteConnection connection, string table, IEnumerable<string> columns, object id)
    {
        var names = columns.ToList();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {string.Join(", ", names.Select(k => $"\"{k}\""))} FROM \"{table}\" WHERE \"Id\" = $id";
        select.Parameters.AddWithValue("$id", id);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"The {table} row is gone.");
        return names.Select((n, i) => (n, v: reader.IsDBNull(i) ? null : reader.GetValue(i))).ToDictionary(x => x.n, x => x.v, StringComparer.Ordinal);
    }
}
