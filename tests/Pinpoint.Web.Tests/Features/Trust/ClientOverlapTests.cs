using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features.Trust;

/// <summary>
/// A client is in one appointment at a time: a booking that overlaps one of their confirmed visits, with whomever, is 409
/// "You already have a visit at that time" (inside the write lock; on PostgreSQL an exclusion constraint stands behind
/// it), and such times are not offered to them.
/// </summary>
public sealed class ClientOverlapTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_second_visit_overlapping_the_first_with_another_therapist_is_refused_and_not_offered(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var maya = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var priya = await app.TherapistIdAsync(TrustData.PriyaEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        using var anonymous = app.NewBrowserLikeClient();
        await TrustData.BookedAsync(client, maya, TrustData.At(12, 1, 10), "first"); // occupies 9:50–11:10

        using var overlapping = await TrustData.BookAsync(client, priya, TrustData.At(12, 1, 10, 30), "second");

        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        var problem = await overlapping.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("You already have a visit at that time", problem.GetProperty("title").GetString());
        Assert.Equal(BookingService.OverlapMessage, problem.GetProperty("detail").GetString());
        var offered = (await TrustData.SlotsAsync(client, "2026-12-01", priya)).Select(s => s.Start).ToList();
        var everyone = (await TrustData.SlotsAsync(anonymous, "2026-12-01", priya)).Select(s => s.Start).ToList();
        Assert.Contains(TrustData.At(12, 1, 10, 30), everyone);
        Assert.DoesNotContain(TrustData.At(12, 1, 10, 30), offered);
        Assert.DoesNotContain(TrustData.At(12, 1, 9, 45), offered);   // would occupy 9:35–10:55
        Assert.Contains(TrustData.At(12, 1, 11, 30), offered);         // occupies from 11:20: clear
        Assert.All(problem.GetProperty("nextSlots").EnumerateArray(), s => Assert.Contains(s.GetProperty("start").GetString(), offered));

        // The page says the same; a time clear of the first visit books.
        using var page = await client.SubmitAsync(BlockTests.ReviewPath(priya, TrustData.At(12, 1, 10, 30)), BlockTests.Checkout);
        Assert.Contains("You already have a visit at that time", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await TrustData.BookedAsync(client, priya, TrustData.At(12, 1, 11, 30), "clear");
        Assert.Equal(2, await TrustData.DbAsync(app, db => db.Bookings.CountAsync(b => b.ClientUserId == clientId && b.Status == BookingStatus.Confirmed)));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Overlapping_requests_with_two_therapists_at_once_leave_one_visit(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var maya = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var priya = await app.TherapistIdAsync(TrustData.PriyaEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;

        // Under two different therapists' locks: only the check inside each (SQLite's one writer) or PostgreSQL's
        // exclusion constraint on the client's visits can stop the second.
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            TrustData.BookAsync(client, i % 2 == 0 ? maya : priya, TrustData.At(12, 2, 10, 15 * (i % 3)), $"race-{i}")));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await TrustData.DbAsync(app, db => db.Bookings.CountAsync(b => b.ClientUserId == clientId && b.Status == BookingStatus.Confirmed)));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_visit_cannot_be_moved_onto_another_of_the_clients_visits(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var maya = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var priya = await app.TherapistIdAsync(TrustData.PriyaEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        await TrustData.BookedAsync(client, maya, TrustData.At(12, 3, 10), "stay");
        var later = await TrustData.BookedAsync(client, priya, TrustData.At(12, 3, 13), "move-me");

        using var moved = await client.PostAsJsonAsync($"/api/bookings/{later}/reschedule", new { start = TrustData.At(12, 3, 10, 30) });

        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.Equal(BookingService.OverlapMessage, (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/bookings/{later}/move?date=2026-12-03"));
        Assert.DoesNotContain($"value=\"{TrustData.At(12, 3, 10, 30)}\"", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{TrustData.At(12, 3, 14)}\"", page, StringComparison.Ordinal);
        using var clear = await client.PostAsJsonAsync($"/api/bookings/{later}/reschedule", new { start = TrustData.At(12, 3, 14) });
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
    }
}
