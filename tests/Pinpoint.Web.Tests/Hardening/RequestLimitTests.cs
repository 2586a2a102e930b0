using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Pinpoint.Web.Data;
using Pinpoint.Web.Hosting;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Hardening;

/// <summary>
/// The app on a real Kestrel port, since the in-memory test server has none of Kestrel's limits. Facts on SQLite:
/// none of these requests reaches the database.
/// </summary>
public sealed class KestrelAppFixture : IAsyncLifetime
{
    private PinpointApp? _app;

    public Uri Address { get; private set; } = null!;

    public FakeLogCollector Logs => _app!.Services.GetFakeLogCollector();

    public async Task InitializeAsync()
    {
        _app = new PinpointApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), seedDemo: false,
            builder => builder.ConfigureServices(services => services.AddFakeLogging()));
        _app.UseKestrel(0);
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>
/// Requests too large or malformed for the framework: every one the pipeline sees is answered in words (ProblemDetails
/// on /api, the friendly page elsewhere) and logged as one Warning without a stack trace; what Kestrel refuses before
/// the pipeline (beyond its ceilings, unparsable) gets Kestrel's empty answer, as docs/architecture.md says.
/// </summary>
public sealed class RequestLimitTests(KestrelAppFixture kestrel) : IClassFixture<KestrelAppFixture>
{
    private static readonly string TenKilobytes = new('a', 10 * 1024);

    [Fact]
    public async Task A_10_kB_address_under_api_is_a_414_problem_and_a_warning()
    {
        kestrel.Logs.Clear();

        var response = await RawHttp.SendAsync(kestrel.Address, RawHttp.Get("/api/modalities?q=" + TenKilobytes));

        var problem = AssertProblem(response, 414);
        Assert.Contains("8,192", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertOneWarning(414);
    }

    [Fact]
    public async Task A_10_kB_address_of_a_page_is_the_friendly_414_page()
    {
        var response = await RawHttp.SendAsync(kestrel.Address, RawHttp.Get("/modalities?q=" + TenKilobytes));

        Assert.Equal(414, response.Status);
        Assert.Equal("text/html", response.ContentType);
        Assert.Contains("That address is too long", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_over_32_kB_or_over_100_lines_are_a_431_problem()
    {
        kestrel.Logs.Clear();

        var large = await RawHttp.SendAsync(kestrel.Address, RawHttp.Get("/api/modalities", "X-Large: " + new string('b', 40 * 1024)));
        var many = await RawHttp.SendAsync(kestrel.Address, RawHttp.Get("/api/modalities", [.. Enumerable.Range(0, 120).Select(i => $"X-Header-{i}: {i}")]));

        AssertProblem(large, 431);
        AssertProblem(many, 431);
        Assert.Equal(2, kestrel.Logs.GetSnapshot().Count(r => r.Id.Id == 1302 && r.Level == LogLevel.Warning && r.Exception is null));
    }

    [Fact]
    public async Task A_body_over_the_endpoints_limit_is_a_413_problem_and_a_warning()
    {
        kestrel.Logs.Clear();
        var body = "{\"regions\": [" + string.Join(',', Enumerable.Repeat("{\"id\": \"temple-left\", \"intensity\": 5}", 3000)) + "]}";

        var response = await RawHttp.SendAsync(kestrel.Address, RawHttp.PostJson("/api/referral", body));

        var problem = AssertProblem(response, 413);
        Assert.Contains("65,536 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertOneWarning(413);
    }

    [Fact]
    public async Task A_broken_chunked_body_is_a_400_problem_with_a_detail()
    {
        var request = Encoding.Latin1.GetBytes("POST /api/referral HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");

        var response = await RawHttp.SendAsync(kestrel.Address, request);

        AssertProblem(response, 400);
    }

    [Fact]
    public async Task A_malformed_JSON_body_is_a_400_problem_naming_the_body_and_a_warning()
    {
        kestrel.Logs.Clear();

        var response = await RawHttp.SendAsync(kestrel.Address, RawHttp.PostJson("/api/referral", "{\"regions\""));

        var problem = AssertProblem(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
        var warning = Assert.Single(kestrel.Logs.GetSnapshot(), r => r.Id.Id == 1300);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Null(warning.Exception);
        Assert.DoesNotContain(kestrel.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Beyond_Kestrels_ceilings_or_unparsable_Kestrel_answers_itself_with_an_empty_body()
    {
        var tooLong = await RawHttp.SendAsync(kestrel.Address, RawHttp.Get("/api/modalities?q=" + new string('a', RequestLimits.KestrelRequestLineBytes)));
        var garbage = await RawHttp.SendAsync(kestrel.Address, Encoding.Latin1.GetBytes("NOT HTTP AT ALL\r\n\r\n"));
        var noHost = await RawHttp.SendAsync(kestrel.Address, Encoding.Latin1.GetBytes("GET /api/modalities HTTP/1.1\r\nConnection: close\r\n\r\n"));

        Assert.Equal((414, ""), (tooLong.Status, tooLong.Body));
        Assert.Equal((400, ""), (garbage.Status, garbage.Body));
        Assert.Equal((400, ""), (noHost.Status, noHost.Body));
    }

    private static JsonElement AssertProblem(RawResponse response, int status)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        var problem = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.True(problem.TryGetProperty("traceId", out _));
        return problem;
    }

    private void AssertOneWarning(int status)
    {
        var warning = Assert.Single(kestrel.Logs.GetSnapshot(), r => r.Id.Id == 1302);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Null(warning.Exception);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(kestrel.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }
}
