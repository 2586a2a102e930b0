using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>No double booking, ever, on both databases: parallel requests, idempotent retries, travel buffers.</summary>
public sealed class BookingConcurrencyTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private const double Latitude = -37.8001;
    private const double Longitude = 144.9671; // Carlton, a few minutes from therapist01's base in Fitzroy

    private static async Task<OffsetDateTime> FirstSlotAsync(HttpClient client, Guid therapistId, string date, int afterHour = 0)
    {
        var slots = await client.GetFromJsonAsync<JsonElement[]>(
            $"/api/availability?latitude={Latitude}&longitude={Longitude}&modality=myofascial&durationMinutes=60&date={date}&therapistId={therapistId}");
        Assert.NotNull(slots);
        Assert.NotEmpty(slots);
        return slots.Select(s => OffsetDateTimePattern.Rfc3339.Parse(s.GetProperty("start").GetString()!).Value).First(s => s.Hour >= afterHour);
    }

    private static object Body(Guid therapistId, OffsetDateTime start) => new
    {
        therapistId, modality = "myofascial", durationMinutes = 60, start = OffsetDateTimePattern.Rfc3339.Format(start),
        latitude = Latitude, longitude = Longitude, address = "1 Lygon St, Carlton VIC 3053",
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static Task<int> BookingsOnAsync(PinpointApp app, Guid therapistId, LocalDate date) => app.Scoped(async s =>
    {
        var zone = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
        var from = zone.AtStartOfDay(date).ToInstant();
        var to = zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
        return await s.GetRequiredService<PinpointDb>().Bookings.CountAsync(b => b.TherapistId == therapistId && b.Start >= from && b.Start < to && b.Status != BookingStatus.Cancelled);
    });

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Fifty_parallel_requests_for_overlapping_times_leave_exactly_one_booking(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        using var client = await app.ClientForAsync(Principal.Client);
        var start = await FirstSlotAsync(client, therapistId, "2026-11-25", afterHour: 9);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            PostAsync(client, Body(therapistId, start.PlusMinutes(15 * (i % 5))), $"parallel-{provider}-{i}")));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(1, await BookingsOnAsync(app, therapistId, new LocalDate(2026, 11, 25)));
        var conflict = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Array, conflict.GetProperty("nextSlots").ValueKind);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Retries_with_one_idempotency_key_make_one_booking(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        using var client = await app.ClientForAsync(Principal.Client);
        var start = await FirstSlotAsync(client, therapistId, "2026-11-26", afterHour: 9);
        var body = Body(therapistId, start);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostAsync(client, body, $"retry-{provider}")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await BookingsOnAsync(app, therapistId, new LocalDate(2026, 11, 26)));

        using var different = await PostAsync(client, Body(therapistId, start.PlusHours(3)), $"retry-{provider}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.True((await different.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_next_visit_waits_for_the_break_and_set_up_even_at_the_same_address(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        using var client = await app.ClientForAsync(Principal.Client);
        var start = await FirstSlotAsync(client, therapistId, "2026-11-27", afterHour: 9);
        using var first = await PostAsync(client, Body(therapistId, start), "buffer-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        // Occupied until start + 70 (pack-down); + 15 min break + 10 min set-up → the next start is start + 95 → 1 h 45 on the grid.
        using var tooSoon = await PostAsync(client, Body(therapistId, start.PlusMinutes(90)), "buffer-2");
        using var inTime = await PostAsync(client, Body(therapistId, start.PlusMinutes(105)), "buffer-3");

        Assert.Equal(HttpStatusCode.Conflict, tooSoon.StatusCode);
        Assert.Equal(HttpStatusCode.Created, inTime.StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Bad_booking_requests_are_named_field_by_field(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = await app.ClientForAsync(Principal.Client);

        using var noKey = await client.PostAsJsonAsync("/api/bookings", new { });
        using var empty = await PostAsync(client, new { durationMinutes = 45, latitude = 200 }, "bad-1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        var errors = (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "modality", "therapistId", "durationMinutes", "start", "latitude" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/bookings", new { })).StatusCode);
    }
}
