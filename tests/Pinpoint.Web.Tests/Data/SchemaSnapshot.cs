using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Tests.Data;

/// <summary>
/// A database's schema as sorted lines — tables, columns (type, nullability, identity), indexes, keys and
/// constraints — read from the database's own catalogue, so two databases can be compared line by line.
/// </summary>
internal static class SchemaSnapshot
{
    private const string SqliteQuery = """
        SELECT 'table ' || m.name || ' autoincrement=' || (m.sql LIKE '%AUTOINCREMENT%')
          FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
        UNION ALL
        SELECT 'column ' || m.name || '.' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' pk=' || c.pk
               || ' default=' || coalesce(c.dflt_value, '')
          FROM sqlite_master m JOIN pragma_table_info(m.name) c
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
        UNION ALL
        SELECT 'index ' || m.name || '.' || i.name || ' unique=' || i."unique" || ' origin=' || i.origin || ' partial=' || i.partial
               || ' (' || (SELECT group_concat(ii.name, ',') FROM pragma_index_info(i.name) ii) || ')'
          FROM sqlite_master m JOIN pragma_index_list(m.name) i
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
        UNION ALL
        SELECT 'fk ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' on delete ' || f.on_delete
          FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
        """;

    private const string PostgresQuery = """
        SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'
        UNION ALL
        SELECT 'table ' || table_name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
        UNION ALL
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type
               || coalesce('(' || character_maximum_length || ')', '')
               || coalesce(' precision=' || numeric_precision || ',' || numeric_scale, '')
               || ' nullable=' || is_nullable || ' identity=' || is_identity || coalesce(' ' || identity_generation, '')
               || ' default=' || coalesce(column_default, '') || ' generated=' || coalesce(generation_expression, '')
          FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
        UNION ALL
        SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
        UNION ALL
        SELECT 'constraint ' || t.relname || '.' || c.conname || ' ' || pg_get_constraintdef(c.oid)
          FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = 'public' AND t.relname <> '__EFMigrationsHistory'
        """;

    public static async Task<IReadOnlyList<string>> ReadAsync(PinpointDb db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = db.Database.IsNpgsql() ? PostgresQuery : SqliteQuery;
            return await ReadLinesAsync(command);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<IReadOnlyList<string>> ReadLinesAsync(DbCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
