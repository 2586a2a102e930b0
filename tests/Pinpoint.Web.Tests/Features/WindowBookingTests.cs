using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Flexible bookings: a 3-hour window instead of an exact time, for a discount, waiting as Requested.</summary>
public sealed class WindowBookingTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    internal const double Latitude = -37.8001;
    internal const double Longitude = 144.9671;
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];

    /// <summary>Local time in Melbourne, November or December 2026, as the API takes it.</summary>
    internal static string At(int month, int day, int hour, int minute = 0) =>
        OffsetDateTimePattern.Rfc3339.Format(Melbourne.AtStrictly(new LocalDateTime(2026, month, day, hour, minute)).ToOffsetDateTime());

    internal static async Task<HttpResponseMessage> RequestWindowAsync(
        HttpClient client, string? windowStart, string? windowEnd, string key, double latitude = Latitude, double longitude = Longitude, Guid? therapistId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new
            {
                therapistId, modality = "myofascial", durationMinutes = 60, windowStart, windowEnd, latitude, longitude, address = "Somewhere in Melbourne",
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_window_booking_is_requested_with_no_therapist_or_time_at_the_discounted_price(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, userId, _) = await IntakeApiTests.RegisterClientAsync(app);
        var catalogue = await client.GetFromJsonAsync<JsonElement>("/api/modalities/myofascial");
        var basePrice = catalogue.GetProperty("prices").EnumerateArray().Single(p => p.GetProperty("durationMinutes").GetInt32() == 60).GetProperty("amount").GetDecimal();
        var slotsBefore = await client.GetStringAsync($"/api/availability?latitude={Latitude}&longitude={Longitude}&modality=myofascial&date=2026-11-25");

        using var response = await RequestWindowAsync(client, At(11, 25, 8), At(11, 25, 11), "window-1");

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var booking = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("requested", booking.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, booking.GetProperty("therapistId").ValueKind);
        Assert.Equal(JsonValueKind.Null, booking.GetProperty("start").ValueKind);
        Assert.Equal(At(11, 25, 8), booking.GetProperty("windowStart").GetString());
        Assert.Equal(basePrice - decimal.Round(basePrice * 0.10m, 2, MidpointRounding.AwayFromZero), booking.GetProperty("price").GetDecimal());

        var quote = await client.GetFromJsonAsync<JsonElement>(
            $"/api/bookings/quote?modality=myofascial&durationMinutes=60&windowStart={Uri.EscapeDataString(At(11, 25, 8))}&windowEnd={Uri.EscapeDataString(At(11, 25, 11))}&latitude={Latitude}&longitude={Longitude}");
        Assert.Contains(quote.GetProperty("lines").EnumerateArray(), l => l.GetProperty("code").GetString() == "window" && l.GetProperty("amount").GetDecimal() < 0);
        Assert.Equal(booking.GetProperty("price").GetDecimal(), quote.GetProperty("total").GetDecimal());

        // Nothing is reserved: the same times stay free for everyone.
        Assert.Equal(slotsBefore, await client.GetStringAsync($"/api/availability?latitude={Latitude}&longitude={Longitude}&modality=myofascial&date=2026-11-25"));
        var id = booking.GetProperty("id").GetGuid();
        await app.DrainEventsAsync();
        var (stored, notes) = await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            return (await db.Bookings.SingleAsync(b => b.Id == id), await db.Set<Notification>().Where(n => n.BookingId == id).ToListAsync());
        });
        Assert.Equal(BookingStatus.Requested, stored.Status);
        Assert.Null(stored.TherapistId);
        Assert.Null(stored.OccupiedStart);
        var note = Assert.Single(notes);
        Assert.StartsWith("Requested:", note.Subject, StringComparison.Ordinal);
        Assert.Null(note.Ics);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/bookings"));
        Assert.Contains("Requested — we'll confirm the exact time by Tuesday 24 November, 6:00 PM", page, StringComparison.Ordinal);
        Assert.Equal(userId, stored.ClientUserId);
    }

    public static IEnumerable<object?[]> BadWindows => AllDatabases.Times(new TheoryData<string?, string?, string>
    {
        { At(11, 23, 8), At(11, 23, 11), "windowStart" },   // in the past (now is Tue 24 Nov 09:00)
        { At(11, 24, 14), At(11, 24, 17), "windowStart" },  // today: windows closed at 6 pm yesterday
        { At(11, 25, 8), At(11, 25, 10), "windowEnd" },     // 2 hours
        { At(11, 25, 8), null, "windowEnd" },
        { null, At(11, 25, 11), "windowStart" },
        { "2027-02-01T08:00:00+11:00", "2027-02-01T11:00:00+11:00", "windowStart" }, // beyond the 60-day horizon (69 days)
        { At(11, 25, 5), At(11, 25, 8), "windowStart" },    // before 7:00
        { At(11, 25, 8, 10), At(11, 25, 11, 10), "windowStart" }, // not on the quarter hour
    });

    [Theory]
    [MemberData(nameof(BadWindows))]
    public async Task A_bad_window_is_422_naming_the_field(DatabaseProvider provider, string? windowStart, string? windowEnd, string field)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);

        using var response = await RequestWindowAsync(client, windowStart, windowEnd, Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error for {field}: {problem}");
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_window_like_the_bad_ones_but_valid_is_accepted(DatabaseProvider provider)
    {
        // The control for the rows above: three hours on the quarter hour, after 7:00, 37 days ahead (within the horizon).
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);

        using var response = await RequestWindowAsync(client, At(12, 31, 8), At(12, 31, 11), Guid.NewGuid().ToString("N"));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_window_with_a_therapist_or_nobody_able_to_come_is_refused(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);

        using var withTherapist = await RequestWindowAsync(client, At(11, 26, 8), At(11, 26, 11), "w-t", therapistId: Guid.NewGuid());
        // Penrith, on the western edge of Sydney: beyond every Sydney therapist's longest drive.
        using var farAway = await RequestWindowAsync(client, At(11, 26, 8), At(11, 26, 11), "w-far", latitude: -33.7507, longitude: 150.6877);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, withTherapist.StatusCode);
        Assert.True((await withTherapist.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("therapistId", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, farAway.StatusCode);
        Assert.Contains("No verified therapist", await farAway.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_booking_pages_offer_a_window_and_request_it(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);

        var slots = WebUtility.HtmlDecode(await client.GetStringAsync("/book/slots?modality=myofascial&minutes=60&address=Carlton&date=2026-11-27"));
        Assert.Contains("Any time in a window — save 10%", slots, StringComparison.Ordinal);
        var window = "/book/window?modality=myofascial&minutes=60&address=Carlton&date=2026-11-27&window=afternoon";
        var review = WebUtility.HtmlDecode(await client.GetStringAsync(window));
        Assert.Contains("Starting between 12:00 PM and 3:00 PM", review, StringComparison.Ordinal);
        using var posted = await client.SubmitAsync(window, new Dictionary<string, string> { ["IdempotencyKey"] = "page-window" });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/bookings?requestedId=", posted.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var mine = await client.GetFromJsonAsync<JsonElement>("/api/bookings");
        var requested = Assert.Single(mine.EnumerateArray());
        Assert.Equal(At(11, 27, 12), requested.GetProperty("windowStart").GetString());
        Assert.Equal(At(11, 27, 15), requested.GetProperty("windowEnd").GetString());
    }
}
