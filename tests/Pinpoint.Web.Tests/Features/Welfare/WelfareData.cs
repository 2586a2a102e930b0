using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Features.Welfare;
using Pinpoint.Web.Tests.Concurrency;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features.Welfare;

/// <summary>What the welfare tests share: a confirmed visit of a demo therapist, the scan, the alerts and their emails.</summary>
internal static class WelfareData
{
    public const string Address = "1 Lygon St, Carlton VIC 3053";

    public sealed record Visit(Guid Id, Instant Start, Instant End, HttpClient Client, string ClientId, string ClientEmail, HttpClient Therapist, string TherapistEmail);

    /// <summary>A one-hour confirmed visit of demo therapist <paramref name="number"/> starting <paramref name="fromNow"/> from now, for a new client.</summary>
    public static async Task<Visit> VisitAsync(PinpointApp app, int number, Duration fromNow)
    {
        var email = $"therapist{number:00}@pinpoint.test";
        var therapistId = await app.TherapistIdAsync(email);
        var (client, clientId, clientEmail) = await IntakeApiTests.RegisterClientAsync(app);
        var start = app.Clock.GetCurrentInstant() + fromNow;
        var id = Guid.NewGuid();
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            db.Bookings.Add(new Booking
            {
                Id = id, ClientUserId = clientId, TherapistId = therapistId, Start = start, End = start + Duration.FromHours(1),
                OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70),
                ClientLatitude = Races.Latitude, ClientLongitude = Races.Longitude, Address = Address,
            });
            await db.SaveChangesAsync();
        });
        return new Visit(id, start, start + Duration.FromHours(1), client, clientId, clientEmail, await app.ClientForAsync(email), email);
    }

    /// <summary>One scan, as a node runs it, in a scope of its own.</summary>
    public static Task<int> ScanAsync(PinpointApp app, Instant at) =>
        app.Scoped(s => s.GetRequiredService<WelfareScan>().RunOnceAsync(at, CancellationToken.None));

    public static Task<List<WelfareAlert>> AlertsAsync(PinpointApp app, Guid bookingId) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<WelfareAlert>().AsNoTracking().Where(a => a.BookingId == bookingId).OrderBy(a => a.Id).ToListAsync());

    public static Task<List<Notification>> EmailsAsync(PinpointApp app, Guid bookingId) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Notification>().AsNoTracking()
            .Where(n => n.BookingId == bookingId && n.Kind == NotificationKind.OnCallAlert).OrderBy(n => n.Id).ToListAsync());

    public static Task<T> Db<T>(PinpointApp app, Func<PinpointDb, Task<T>> read) => app.Scoped(s => read(s.GetRequiredService<PinpointDb>()));

    public static async Task<JsonElement> JsonAsync(Task<HttpResponseMessage> sending, HttpStatusCode status)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
