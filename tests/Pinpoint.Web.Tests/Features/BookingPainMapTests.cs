using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>The pain a client marks before booking is kept with the booking and reaches the therapist, intake or not.</summary>
public sealed class BookingPainMapTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];

    private static string At(int day, int hour) =>
        OffsetDateTimePattern.Rfc3339.Format(Melbourne.AtStrictly(new LocalDateTime(2026, 11, day, hour, 0)).ToOffsetDateTime());

    private static async Task<HttpResponseMessage> BookAsync(HttpClient client, Guid therapistId, string start, object? pain)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new { therapistId, modality = "myofascial", durationMinutes = 60, start, latitude = -37.8001, longitude = 144.9671, address = "1 Lygon St, Carlton", pain }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_booking_keeps_the_marked_regions_and_the_therapist_sees_them_on_the_schedule_and_the_day(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app); // no intake: the map is all the therapist has
        var pain = new { regions = new[] { new { id = "temple-left", intensity = 6 }, new { id = "back-of-neck-left", intensity = 4 } }, symptoms = new[] { "headache" }, activity = "desk" };

        using var booked = await BookAsync(client, therapistId, At(27, 11), pain);
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());

        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var schedule = await therapist.GetStringAsync("/therapist/schedule");
        Assert.Contains("Where it hurts (marked when booking): Left temple, Left back of the neck", schedule, StringComparison.Ordinal);
        var day = await therapist.GetStringAsync("/therapist/day?date=2026-11-27");
        Assert.Contains("Left temple, Left back of the neck (marked when booking; no intake yet)", day, StringComparison.Ordinal);
        Assert.Contains("Upper trapezius", day, StringComparison.Ordinal); // the classic source of a temple headache
        Assert.DoesNotContain("No intake yet: ask at the start of the visit", day, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_unknown_region_in_the_pain_map_is_named_and_nothing_is_booked(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);

        using var refused = await BookAsync(client, therapistId, At(27, 15), new { regions = new[] { new { id = "left-elbow-of-nowhere", intensity = 5 } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("pain.regions[0].id", out _), errors.ToString());
        using var mine = await client.GetAsync("/api/bookings");
        Assert.Equal(0, (await mine.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_review_page_carries_the_selection_from_where_does_it_hurt_into_the_booking(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        var review = $"/book/review?therapist={therapistId}&modality=myofascial&minutes=60&start={Uri.EscapeDataString(At(27, 13))}" +
                     "&latitude=-37.8001&longitude=144.9671&address=1%20Lygon%20St%2C%20Carlton&regions=heel-left%3A7&symptoms=sharp&duration=months";

        var page = await client.GetStringAsync(review);
        Assert.Contains("Your therapist will see where it hurts: Left heel.", page, StringComparison.Ordinal);
        using var confirmed = await client.SubmitAsync(review, new Dictionary<string, string>
        {
            ["IdempotencyKey"] = Guid.NewGuid().ToString("N"), ["Number"] = "1", ["Street"] = "Lygon St", ["Suburb"] = "Carlton", ["Postcode"] = "3053",
        });

        Assert.True(confirmed.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        var stored = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.AsNoTracking()
            .Where(b => b.TherapistId == therapistId && b.Start == Melbourne.AtStrictly(new LocalDateTime(2026, 11, 27, 13, 0)).ToInstant())
            .Select(b => b.PainJson).SingleAsync());
        Assert.NotNull(stored);
        Assert.Contains("heel-left", stored, StringComparison.Ordinal);
        Assert.Contains("months", stored, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task After_booking_without_an_intake_the_client_is_invited_to_one_that_starts_from_their_map(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var booked = await BookAsync(client, therapistId, At(26, 12), new { regions = new[] { new { id = "heel-left", intensity = 7 } } });
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/bookings?confirmed={id}"));
        var link = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/intake/1[^\"]*)\" data-testid=\"intake-invitation\"").Groups[1].Value;
        Assert.Equal("/intake/1?regions=heel-left%3A7", link);

        var intake = await client.GetStringAsync(link);
        Assert.Matches("class=\"region is-selected\"[^>]*data-region=\"heel-left\"", intake);
    }
}
