using Pinpoint.Web.Data;

namespace Pinpoint.Web.Tests.Infrastructure;

/// <summary>Theory data: every data test runs on SQLite and on PostgreSQL.</summary>
public sealed class AllDatabases : TheoryData<DatabaseProvider>
{
    public AllDatabases()
    {
        Add(DatabaseProvider.Sqlite);
        Add(DatabaseProvider.Postgres);
    }
}
