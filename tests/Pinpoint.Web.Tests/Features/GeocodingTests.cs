using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinpoint.Core.Geography;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Geocoding;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>A stand-in for a Nominatim server on a free loopback port: it answers /search as told and records requests.</summary>
public sealed class FakeNominatim : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeNominatim(WebApplication app) => _app = app;

    public ConcurrentQueue<HttpRequestSnapshot> Requests { get; } = new();

    /// <summary>What /search answers: status and body.</summary>
    public (int Status, string Body) Answer { get; set; } = (200, "[]");

    public Uri BaseAddress { get; private set; } = null!;

    public sealed record HttpRequestSnapshot(string Path, IReadOnlyDictionary<string, string> Query, string UserAgent);

    public static async Task<FakeNominatim> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeNominatim(app);
        app.MapGet("/search", (HttpContext context) =>
        {
            fake.Requests.Enqueue(new HttpRequestSnapshot(context.Request.Path,
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), context.Request.Headers.UserAgent.ToString()));
            return Results.Text(fake.Answer.Body, "application/json", statusCode: fake.Answer.Status);
        });
        await app.StartAsync();
        fake.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class GeocodingTests
{
    private const string FitzroyAnswer = """
        [{"place_id":1,"lat":"-37.7986","lon":"144.9784","display_name":"12, Johnston Street, Fitzroy, Melbourne, Victoria, 3065, Australia",
          "address":{"house_number":"12","road":"Johnston Street","suburb":"Fitzroy","city":"Melbourne","state":"Victoria","postcode":"3065","country_code":"au"}},
         {"place_id":2,"lat":"not a number","lon":"144.9","display_name":"broken"}]
        """;

    private static NominatimGeocoder Geocoder(FakeNominatim server) => new(
        new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) },
        Options.Create(new GeocodingOptions { Provider = GeocodingProvider.Nominatim, Nominatim = new NominatimOptions { BaseUrl = server.BaseAddress.ToString() } }),
        NullLogger<NominatimGeocoder>.Instance);

    [Fact]
    public async Task Nominatim_results_are_read_and_unreadable_ones_skipped()
    {
        await using var server = await FakeNominatim.StartAsync();
        server.Answer = (200, FitzroyAnswer);

        var matches = await Geocoder(server).SearchAsync("12 Johnston St Fitzroy", 5, CancellationToken.None);

        var match = Assert.Single(matches);
        Assert.Equal(new GeoPoint(-37.7986, 144.9784), match.Point);
        Assert.Equal("Fitzroy", match.Suburb);
        Assert.Equal("3065", match.Postcode);
        Assert.Equal(NominatimGeocoder.SourceName, match.Source);
        var request = Assert.Single(server.Requests);
        Assert.Equal("12 Johnston St Fitzroy", request.Query["q"]);
        Assert.Equal("jsonv2", request.Query["format"]);
        Assert.Equal("au,nz", request.Query["countrycodes"]); // Auckland is a service area too
        Assert.Equal("5", request.Query["limit"]);
    }

    [Theory]
    [InlineData(500, "oops")]
    [InlineData(200, "<html>not json</html>")]
    public async Task A_failing_service_is_reported_as_unavailable(int status, string body)
    {
        await using var server = await FakeNominatim.StartAsync();
        server.Answer = (status, body);

        await Assert.ThrowsAsync<GeocodingUnavailableException>(() => Geocoder(server).SearchAsync("Fitzroy", 5, CancellationToken.None));
    }

    [Fact]
    public async Task Typed_coordinates_never_reach_the_service()
    {
        await using var server = await FakeNominatim.StartAsync();

        var match = Assert.Single(await Geocoder(server).SearchAsync("-37.81, 144.96", 5, CancellationToken.None));

        Assert.Equal(new GeoPoint(-37.81, 144.96), match.Point);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Configuration_selects_nominatim_and_profile_edits_use_it(DatabaseProvider provider)
    {
        await using var server = await FakeNominatim.StartAsync();
        server.Answer = (200, FitzroyAnswer);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new PinpointApp(database, seedDemo: true);
        await using var configured = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Geocoding:Provider", "Nominatim");
            b.UseSetting("Geocoding:Nominatim:BaseUrl", server.BaseAddress.ToString());
        });

        Assert.IsType<NominatimGeocoder>(configured.Services.CreateScope().ServiceProvider.GetRequiredService<IGeocoder>());
        using var client = configured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var login = await client.SubmitAsync("/account/login", new Dictionary<string, string>
               {
                   ["Input.Email"] = SignIn.TherapistEmail, ["Input.Password"] = SignIn.DemoPassword,
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        using var update = await client.PutAsJsonAsync("/api/therapists/me", new { homeAddress = "12 Johnston St Fitzroy" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("Fitzroy", (await update.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("public").GetProperty("suburb").GetString());
        Assert.Contains(server.Requests, r => r.UserAgent.StartsWith("Pinpoint/", StringComparison.Ordinal));

        server.Answer = (503, "down");
        using var down = await client.PutAsJsonAsync("/api/therapists/me", new { homeAddress = "1 Smith St Collingwood" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, down.StatusCode);
        Assert.Contains("not answering", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nominatim_without_a_base_url_fails_at_start_up_naming_the_setting()
    {
        // Its own data folder: start-up migrates before options are checked, and must never touch the developer's database.
        var data = Directory.CreateTempSubdirectory("pinpoint-geocoding-");
        try
        {
            using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Testing");
                builder.UseSetting("Database:DataDirectory", data.FullName);
                builder.UseSetting("Geocoding:Provider", "Nominatim");
            });

            var error = Assert.Throws<OptionsValidationException>(() => factory.Server);
            Assert.Contains("Geocoding:Nominatim:BaseUrl", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    // Start-up configuration only: which geocoder is registered does not depend on the database.
    [Fact]
    public async Task The_default_is_the_offline_gazetteer()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new PinpointApp(database, seedDemo: false);

        Assert.IsType<GazetteerGeocoder>(app.Services.CreateScope().ServiceProvider.GetRequiredService<IGeocoder>());
    }
}
