using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Clients rate completed sessions; profiles and the ranking use the ratings.</summary>
public sealed class ReviewTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static async Task<Guid> VisitAsync(PinpointApp app, string clientId, Guid therapistId, BookingStatus status, int daysAgo)
    {
        var id = Guid.NewGuid();
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var end = app.Clock.GetCurrentInstant() - Duration.FromDays(daysAgo);
            db.Bookings.Add(new Booking
            {
                Id = id, ClientUserId = clientId, TherapistId = therapistId, Start = end - Duration.FromHours(1), End = end,
                OccupiedStart = end - Duration.FromMinutes(70), OccupiedEnd = end + Duration.FromMinutes(10), Status = status,
            });
            await db.SaveChangesAsync();
        });
        return id;
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_client_rates_a_completed_session_once_and_the_profile_and_ranking_show_it(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.OtherTherapistEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var done = await VisitAsync(app, clientId, therapistId, BookingStatus.Completed, 3);
        var noShow = await VisitAsync(app, clientId, therapistId, BookingStatus.NoShow, 5);
        var cache = app.Services.GetRequiredService<CalendarCache>();
        Assert.Null((await app.Scoped(s => cache.OneAsync(s.GetRequiredService<PinpointDb>(), therapistId, CancellationToken.None)))[0].Rating);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostAsJsonAsync($"/api/bookings/{done}/review", new { rating = 6 })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostAsJsonAsync($"/api/bookings/{noShow}/review", new { rating = 5 })).StatusCode);
        using var stranger = await app.ClientForAsync(Principal.Client);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/bookings/{done}/review", new { rating = 1 })).StatusCode);
        using var anonymous = app.NewBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/bookings/{done}/review", new { rating = 1 })).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/bookings/{done}/review", new { rating = 5, comment = "Gentle and precise; my headaches eased." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/bookings/{done}/review", new { rating = 4 })).StatusCode);

        var reviews = await anonymous.GetFromJsonAsync<JsonElement>($"/api/therapists/{therapistId}/reviews");
        Assert.Equal(5.0, reviews.GetProperty("average").GetDouble());
        Assert.Equal(1, reviews.GetProperty("count").GetInt32());
        Assert.DoesNotContain(clientId, reviews.ToString(), StringComparison.Ordinal);
        var profile = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/therapists/{therapistId}"));
        Assert.Contains("5.0 out of 5</strong> from 1 review", profile, StringComparison.Ordinal);
        Assert.Contains("Gentle and precise; my headaches eased.", profile, StringComparison.Ordinal);
        // One five-star review moves the ranking score only part of the way from an ordinary 4.
        var ranked = (await app.Scoped(s => cache.OneAsync(s.GetRequiredService<PinpointDb>(), therapistId, CancellationToken.None)))[0].Rating;
        Assert.Equal((5 + (3 * 4.0)) / 4, ranked!.Value, 6);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task My_bookings_offers_to_rate_a_completed_session_until_it_is_rated(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var done = await VisitAsync(app, clientId, therapistId, BookingStatus.Completed, 2);
        Assert.Contains("data-testid=\"rate\"", await client.GetStringAsync("/bookings"), StringComparison.Ordinal);

        using var sent = await client.SubmitAsync("/bookings", new Dictionary<string, string> { ["Rating"] = "4", ["Comment"] = "Good." }, $"/bookings?handler=Review&id={done}");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/bookings"));
        Assert.DoesNotContain("data-testid=\"rate\"", page, StringComparison.Ordinal);
        Assert.Contains("Thank you", page, StringComparison.Ordinal);
    }
}
