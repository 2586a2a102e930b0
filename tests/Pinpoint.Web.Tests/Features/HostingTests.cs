using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Health, the OpenAPI document, error shapes and security headers.</summary>
public sealed class HostingTests(AppsFixture apps) : IClassFixture<AppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Health_checks_the_database_and_names_the_provider(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var database = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database");
        var expected = provider == DatabaseProvider.Postgres ? "Npgsql" : "Sqlite";
        Assert.Contains(expected, database.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_OpenAPI_document_is_valid_JSON_and_describes_the_catalogue(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/modalities", out _));
        Assert.True(paths.TryGetProperty("/api/modalities/{slug}", out _));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_unknown_API_route_is_a_problem_not_an_HTML_page(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        using var response = await client.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_unknown_page_is_a_friendly_404_page(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("find that page", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Responses_carry_the_security_headers(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
