using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Seeding;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Concurrency;

/// <summary>What the race tests share: ten requests at once, their answers read, bookings to race over.</summary>
internal static class Races
{
    public const int Racers = 10;
    public const double Latitude = -37.8001;
    public const double Longitude = 144.9671; // Carlton, a few minutes from therapist01's base

    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];

    public static string At(int month, int day, int hour, int minute = 0) =>
        OffsetDateTimePattern.Rfc3339.Format(Melbourne.AtStrictly(new LocalDateTime(2026, month, day, hour, minute)).ToOffsetDateTime());

    /// <summary>Sends <paramref name="count"/> requests at once and reads every answer (status and body).</summary>
    public static async Task<IReadOnlyList<(HttpStatusCode Status, JsonElement Body)>> AllAtOnceAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await start.WaitAsync();
            using var response = await send(i);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }).ToList();
        start.Release(count);
        var answers = await Task.WhenAll(tasks);
        Assert.All(answers, a => Assert.True((int)a.StatusCode < 500, $"{a.StatusCode}: {a.Item2}"));
        return answers;
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body, string? key = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    public static object Booking(Guid therapistId, string start) => new
    {
        therapistId, modality = "myofascial", durationMinutes = 60, start, latitude = Latitude, longitude = Longitude, address = "1 Lygon St, Carlton",
    };

    /// <summary>The first free start with the therapist on the date at or after the hour, or null.</summary>
    public static async Task<string?> FreeStartAsync(HttpClient client, Guid therapistId, string date, int afterHour = 9)
    {
        var slots = await client.GetFromJsonAsync<JsonElement[]>(
            $"/api/availability?latitude={Latitude}&longitude={Longitude}&modality=myofascial&durationMinutes=60&date={date}&therapistId={therapistId}");
        return slots!.Select(s => s.GetProperty("start").GetString()!)
            .FirstOrDefault(s => OffsetDateTimePattern.Rfc3339.Parse(s).Value.Hour >= afterHour);
    }

    public static async Task<Guid> BookAsync(HttpClient client, Guid therapistId, string start, string key)
    {
        using var response = await SendAsync(client, HttpMethod.Post, "/api/bookings", Booking(therapistId, start), key);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A completed visit of the client with therapist01 that ended <paramref name="hoursAgo"/> hours before the app's clock.</summary>
    public static async Task<Guid> PastVisitAsync(PinpointApp app, string clientId, int hoursAgo)
    {
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var id = Guid.NewGuid();
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var end = app.Clock.GetCurrentInstant() - Duration.FromHours(hoursAgo);
            db.Bookings.Add(new Booking
            {
                Id = id, ClientUserId = clientId, TherapistId = therapistId, Start = end - Duration.FromHours(1), End = end,
                OccupiedStart = end - Duration.FromMinutes(70), OccupiedEnd = end + Duration.FromMinutes(10), Status = BookingStatus.Completed,
            });
            await db.SaveChangesAsync();
        });
        return id;
    }

    public static Task<string> DemoClientIdAsync(PinpointApp app) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Users.Where(u => u.Email == DemoDataSeeder.ClientEmail).Select(u => u.Id).SingleAsync());

    public static Task<Booking> StoredAsync(PinpointApp app, Guid id) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.AsNoTracking().SingleAsync(b => b.Id == id));

    /// <summary>How many events of the type were raised about the booking.</summary>
    public static Task<int> EventsAsync(PinpointApp app, string type, Guid bookingId) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Events.CountAsync(e => e.Type == type && e.Payload.Contains(bookingId.ToString())));

    public static int Count(this IEnumerable<(HttpStatusCode Status, JsonElement Body)> answers, HttpStatusCode status) =>
        answers.Count(a => a.Status == status);
}
