using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

public sealed class MoveBookingPageTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static string At(int day, int hour, int minute = 0) => OffsetDateTimePattern.Rfc3339.Format(
        DateTimeZoneProviders.Tzdb["Australia/Melbourne"].AtStrictly(new LocalDateTime(2026, 11, day, hour, minute)).ToOffsetDateTime());

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_client_moves_a_visit_half_an_hour_later_on_the_page(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new { therapistId, modality = "myofascial", durationMinutes = 60, start = At(25, 10), latitude = -37.8001, longitude = 144.9671, address = "1 Lygon St" }),
        };
        request.Headers.Add("Idempotency-Key", "move-page");
        using var created = await client.SendAsync(request);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/bookings/{id}/move?date=2026-11-25"));
        Assert.Contains($"value=\"{At(25, 10, 30)}\"", page, StringComparison.Ordinal); // its own time does not block the move

        using var moved = await client.SubmitAsync($"/bookings/{id}/move?date=2026-11-25", new Dictionary<string, string> { ["start"] = At(25, 10, 30) });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var mine = await client.GetFromJsonAsync<JsonElement[]>("/api/bookings");
        Assert.Equal(At(25, 10, 30), mine!.Single(b => b.GetProperty("id").GetGuid() == id).GetProperty("start").GetString());
        Assert.Contains("Moved", WebUtility.HtmlDecode(await client.GetStringAsync("/bookings")), StringComparison.Ordinal);

        using var stranger = await app.ClientForAsync(Principal.Client);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/bookings/{id}/move")).StatusCode);
    }
}
