using System.Reflection;
using Pinpoint.Web.Data;
using Xunit.Sdk;

namespace Pinpoint.Web.Tests.Infrastructure;

/// <summary>Theory data: every data test runs on SQLite and on PostgreSQL.</summary>
public sealed class AllDatabases : TheoryData<DatabaseProvider>
{
    public AllDatabases()
    {
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            Add(provider);
        }
    }

    /// <summary>Each of <paramref name="rows"/> on every database, the provider first: for a data theory's <c>MemberData</c>.</summary>
    public static IEnumerable<object?[]> Times(IEnumerable<object?[]> rows) =>
        rows.SelectMany(row => Enum.GetValues<DatabaseProvider>().Select(provider => (object?[])[provider, .. row]));
}

/// <summary>
/// Like <c>InlineData</c>, on every database: the theory's first parameter is the <see cref="DatabaseProvider"/>,
/// the given values follow.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class InlineDataOnAllDatabasesAttribute(params object?[] data) : DataAttribute
{
    public override IEnumerable<object?[]> GetData(MethodInfo testMethod) => AllDatabases.Times([data]);
}
