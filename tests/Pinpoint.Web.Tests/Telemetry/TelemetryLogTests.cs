using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Features;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Telemetry;

/// <summary>What the logs say: a client's bad JSON is a warning, a booking's changes are events with ids and no personal data.</summary>
public sealed class TelemetryLogTests(TelemetryAppsFixture apps) : IClassFixture<TelemetryAppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_malformed_JSON_body_is_a_400_problem_and_a_warning_without_a_stack_trace(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var logs = app.Services.GetFakeLogCollector();
        logs.Clear();
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/referral", new StringContent("{\"regions\": [{\"id\": \"temple-left\", \"intensity\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any());
        var warning = Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 1300);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Null(warning.Exception);
        Assert.Contains("/api/referral", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Each_change_of_a_booking_is_an_information_event_with_ids_and_no_personal_data(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var logs = app.Services.GetFakeLogCollector();
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, email) = await IntakeApiTests.RegisterClientAsync(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new
            {
                therapistId, modality = "myofascial", durationMinutes = 60, start = WindowBookingTests.At(12, 10, 11), latitude = -37.8001, longitude = 144.9671,
                address = "7 Private Lane, Carlton",
            }),
            Headers = { { "Idempotency-Key", "logged" } },
        };
        using var booked = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var cancelled = await client.PostAsJsonAsync($"/api/bookings/{id}/cancel", new { reason = "Alex Client has the flu" });

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var events = logs.GetSnapshot().Where(r => r.Message.Contains(id.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal([1000, 1003], events.Select(r => r.Id.Id));
        Assert.All(events, r => Assert.Equal(LogLevel.Information, r.Level));
        Assert.Equal(id, Assert.Single(events[0].StructuredState!, p => p.Key == "BookingId").Value is { } value ? Guid.Parse(value) : Guid.Empty);
        var everything = string.Join('\n', logs.GetSnapshot().Select(r => r.Message + " " + string.Join(' ', r.StructuredState?.Select(p => p.Value) ?? [])));
        Assert.DoesNotContain(email, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Private Lane", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("flu", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Alex Client", everything, StringComparison.Ordinal);
    }
}
