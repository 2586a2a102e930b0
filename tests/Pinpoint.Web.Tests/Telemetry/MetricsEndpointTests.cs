using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Telemetry;
using Pinpoint.Web.Tests.Features;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Telemetry;

/// <summary>/metrics: what it serves after real use, and how it is switched off or kept to a network.</summary>
public sealed class MetricsEndpointTests(TelemetryAppsFixture apps) : IClassFixture<TelemetryAppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Metrics_serve_the_request_durations_and_Pinpoints_own_meters(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var meters = app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var refused = new MetricCollector<long>(meters, PinpointMetrics.MeterName, "pinpoint.bookings.refused");
        using var created = new MetricCollector<long>(meters, PinpointMetrics.MeterName, "pinpoint.bookings.created");
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        var (other, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        var start = WindowBookingTests.At(12, 8, 10);

        using var search = await client.GetAsync("/api/availability?latitude=-37.8001&longitude=144.9671&modality=myofascial&date=2026-12-08");
        using var booked = await BookingLifecycleTests.BookAsync(client, therapistId, start, "metrics-1");
        using var taken = await BookingLifecycleTests.BookAsync(other, therapistId, start, "metrics-2");
        using var reused = await BookingLifecycleTests.BookAsync(client, therapistId, WindowBookingTests.At(12, 8, 14), "metrics-1");
        using var window = await WindowBookingTests.RequestWindowAsync(other, WindowBookingTests.At(12, 9, 9), WindowBookingTests.At(12, 9, 12), "metrics-3");
        using var referral = await client.PostAsJsonAsync("/api/referral", new { regions = new[] { new { id = "temple-left", intensity = 6 } } });
        await app.Scoped(s => s.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None));
        using var admin = await app.ClientForAsync(Principal.Admin);
        var plan = await DayPlanningTests.PlanAsync(admin, "2026-12-09");

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, window.StatusCode);
        Assert.Equal(HttpStatusCode.OK, referral.StatusCode);
        Assert.Equal("proposed", plan.GetProperty("status").GetString());
        Assert.Equal(["conflict", "idempotency_mismatch"], refused.GetMeasurementSnapshot().Select(m => (string)m.Tags["reason"]!).Order());
        Assert.Equal(["exact", "window"], created.GetMeasurementSnapshot().Select(m => (string)m.Tags["kind"]!).Order());

        using var scrape = await app.CreateClient().GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("pinpoint_bookings_created_total{", text, StringComparison.Ordinal);
        Assert.Contains("reason=\"conflict\"", text, StringComparison.Ordinal);
        Assert.Contains("reason=\"idempotency_mismatch\"", text, StringComparison.Ordinal);
        Assert.Contains("pinpoint_availability_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("pinpoint_referral_queries_total{", text, StringComparison.Ordinal);
        Assert.Contains("pinpoint_outbox_oldest_age_seconds", text, StringComparison.Ordinal);
        Assert.Contains("pinpoint_day_plans_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("pinpoint_day_plans_travel_saved_minutes_bucket", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switched_off_the_metrics_endpoint_is_a_404_problem()
    {
        var app = await apps.For(DatabaseProvider.Sqlite);
        await using var off = app.WithWebHostBuilder(b => b.UseSetting("Telemetry:Metrics:Enabled", "false"));

        using var response = await off.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("192.0.2.10", HttpStatusCode.Forbidden)]
    [InlineData("", HttpStatusCode.Forbidden)]
    [InlineData("10.1.2.3", HttpStatusCode.OK)]
    [InlineData("::ffff:10.1.2.3", HttpStatusCode.OK)]
    [InlineData("fd00::5", HttpStatusCode.OK)]
    public async Task Only_callers_from_the_allowed_networks_may_scrape(string caller, HttpStatusCode expected)
    {
        var app = await apps.For(DatabaseProvider.Sqlite);
        await using var restricted = app.WithWebHostBuilder(b => b.UseSetting("Telemetry:Metrics:AllowedNetworks:0", "10.0.0.0/8, fd00::/8"));
        using var client = restricted.CreateClient();
        client.DefaultRequestHeaders.Add(TelemetryAppsFixture.RemoteAddressHeader, caller);

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(403, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        }
    }

    [Theory]
    [InlineData("Telemetry:Metrics:AllowedNetworks:0", "10.0.0.0/33", "Telemetry:Metrics:AllowedNetworks")]
    [InlineData("Telemetry:Metrics:AllowedNetworks:0", "intranet", "Telemetry:Metrics:AllowedNetworks")]
    [InlineData("Telemetry:Otlp:Endpoint", "collector:4317", "Telemetry:Otlp:Endpoint")]
    public void A_bad_telemetry_setting_fails_at_start_up_naming_it(string key, string value, string named)
    {
        var data = Directory.CreateTempSubdirectory("pinpoint-test-");
        try
        {
            using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Testing");
                builder.UseSetting("Database:DataDirectory", data.FullName);
                builder.UseSetting(key, value);
            });

            var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => factory.Server);
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
            Assert.Contains(value, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }
}
