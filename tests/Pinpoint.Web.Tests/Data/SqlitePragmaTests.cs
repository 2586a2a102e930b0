using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Data;

/// <summary>SQLite-only by nature: the pragmas the embedded store depends on are set on the app's connections.</summary>
public sealed class SqlitePragmaTests(AppsFixture apps) : IClassFixture<AppsFixture>
{
    [Theory]
    [InlineData("journal_mode", "wal")]
    [InlineData("foreign_keys", "1")]
    [InlineData("busy_timeout", "5000")]
    public async Task The_app_connections_run_with(string pragma, string expected)
    {
        var app = await apps.For(DatabaseProvider.Sqlite);

        var value = await app.Scoped(async services =>
        {
            var db = services.GetRequiredService<PinpointDb>();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {pragma}";
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        });

        Assert.Equal(expected, value);
    }
}
