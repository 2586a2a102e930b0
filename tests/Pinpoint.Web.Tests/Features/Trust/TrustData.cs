using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features.Trust;

/// <summary>Visits, bookings and searches the trust tests arrange: near Carlton, where therapist01 and therapist03 both travel.</summary>
internal static class TrustData
{
    public const double Latitude = -37.8001;
    public const double Longitude = 144.9671;
    public const string PriyaEmail = "therapist03@pinpoint.test"; // Carlton, myofascial, works 9:00–17:00 on weekdays

    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];

    public static string At(int month, int day, int hour, int minute = 0) =>
        OffsetDateTimePattern.Rfc3339.Format(Melbourne.AtStrictly(new LocalDateTime(2026, month, day, hour, minute)).ToOffsetDateTime());

    private static int _pastVisits;

    /// <summary>
    /// A past visit closed as <paramref name="status"/> (or still confirmed), inserted as the schedule would leave it. Each
    /// call goes two hours further back, so no two overlap (PostgreSQL's constraint would refuse a therapist's overlapping visits).
    /// </summary>
    public static async Task<Guid> PastVisitAsync(PinpointApp app, string clientId, Guid therapistId, BookingStatus status = BookingStatus.Completed)
    {
        var id = Guid.NewGuid();
        var hoursBack = 24 + (2 * Interlocked.Increment(ref _pastVisits));
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var start = app.Clock.GetCurrentInstant() - Duration.FromHours(hoursBack);
            db.Bookings.Add(new Booking
            {
                Id = id, ClientUserId = clientId, TherapistId = therapistId, Start = start, End = start + Duration.FromHours(1),
                OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70), Status = status,
                ClientLatitude = Latitude, ClientLongitude = Longitude, Address = "1 Lygon St, Carlton VIC 3053",
            });
            await db.SaveChangesAsync();
        });
        return id;
    }

    public static object Body(Guid therapistId, string start, int minutes = 60) => new
    {
        therapistId, modality = "myofascial", durationMinutes = minutes, start, latitude = Latitude, longitude = Longitude, address = "1 Lygon St, Carlton VIC 3053",
    };

    public static async Task<HttpResponseMessage> BookAsync(HttpClient client, Guid therapistId, string start, string key, int minutes = 60)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(Body(therapistId, start, minutes)) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    public static async Task<Guid> BookedAsync(HttpClient client, Guid therapistId, string start, string key, int minutes = 60)
    {
        using var response = await BookAsync(client, therapistId, start, key, minutes);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The start times offered on <paramref name="date"/>, each with the therapists who can take it, as the caller sees them.</summary>
    public static async Task<IReadOnlyList<(string Start, IReadOnlyList<Guid> Therapists)>> SlotsAsync(HttpClient client, string date, Guid? therapistId = null)
    {
        var slots = await client.GetFromJsonAsync<JsonElement[]>(
            $"/api/availability?latitude={Latitude}&longitude={Longitude}&modality=myofascial&durationMinutes=60&date={date}{(therapistId is { } t ? $"&therapistId={t}" : "")}");
        return [.. slots!.Select(s => (s.GetProperty("start").GetString()!,
            (IReadOnlyList<Guid>)[.. s.GetProperty("therapists").EnumerateArray().Select(t => t.GetProperty("therapistId").GetGuid())]))];
    }

    public static Task<T> DbAsync<T>(PinpointApp app, Func<PinpointDb, Task<T>> read) =>
        app.Scoped(s => read(s.GetRequiredService<PinpointDb>()));

    /// <summary>The therapist blocks the client (after a visit closed two days ago) through the API; returns the block's id.</summary>
    public static async Task<long> BlockAsync(PinpointApp app, HttpClient therapist, string clientId, Guid therapistId)
    {
        var visit = await PastVisitAsync(app, clientId, therapistId);
        using var blocked = await therapist.PostAsync($"/api/bookings/{visit}/client-block", null);
        Assert.True(blocked.StatusCode == System.Net.HttpStatusCode.OK, await blocked.Content.ReadAsStringAsync());
        return await DbAsync(app, db => db.Set<Web.Features.Trust.ClientBlock>().Where(b => b.ClientUserId == clientId && b.TherapistId == therapistId).Select(b => b.Id).SingleAsync());
    }
}
