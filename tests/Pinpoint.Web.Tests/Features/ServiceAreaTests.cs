using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Core.Catalogue;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Planning;
using Pinpoint.Web.Features.Therapists;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>
/// Clients in every city: the area of the address decides who can come, the zone of the times and the currency of
/// the price; outside every area the answer is a 422 on the address's field.
/// </summary>
public sealed class ServiceAreaTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    // The fixture's clock: Tuesday 24 November 2026, 09:00 in Melbourne.
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 23, 22, 0);
    private static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];

    private const string Subiaco = "latitude=-31.948&longitude=115.826";

    private async Task<PinpointApp> AppAt(DatabaseProvider provider, Instant now)
    {
        var app = await apps.For(provider);
        app.Clock.Reset(now);
        return app;
    }

    private static Task<List<Therapist>> TherapistsIn(PinpointApp app, string zoneId) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Therapists.AsNoTracking().Where(t => t.TimeZoneId == zoneId).ToListAsync());

    private static async Task<HttpResponseMessage> BookAsync(HttpClient client, Guid therapistId, ZonedDateTime start, double latitude, double longitude, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new
            {
                therapistId, modality = "myofascial", durationMinutes = 60, start = OffsetDateTimePattern.Rfc3339.Format(start.ToOffsetDateTime()),
                latitude, longitude, address = "1 Crown St, Surry Hills NSW 2010",
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_client_in_perth_is_offered_perth_therapists_only_at_perth_times(DatabaseProvider provider)
    {
        var app = await AppAt(provider, Start);
        var perth = (await TherapistsIn(app, "Australia/Perth")).Select(t => t.Id).ToHashSet();
        using var client = app.CreateClient();

        var slots = await client.GetFromJsonAsync<JsonElement[]>($"/api/availability?{Subiaco}&modality=sports&durationMinutes=60&date=2026-11-25");

        Assert.NotEmpty(perth);
        Assert.NotEmpty(slots!);
        Assert.All(slots!, s =>
        {
            Assert.Equal("Australia/Perth", s.GetProperty("timeZone").GetString());
            Assert.EndsWith("+08:00", s.GetProperty("start").GetString(), StringComparison.Ordinal);
            Assert.All(s.GetProperty("therapists").EnumerateArray(), t => Assert.Contains(t.GetProperty("therapistId").GetGuid(), perth));
        });
        // The first time follows its therapist's shift start by the drive and set-up, in Perth's clock (Melbourne's reads 3 hours later).
        var who = slots![0].GetProperty("therapists")[0].GetProperty("therapistId").GetGuid();
        var shift = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<WorkingHoursEntry>().AsNoTracking()
            .Where(h => h.TherapistId == who && h.DayOfWeek == IsoDayOfWeek.Wednesday).MinAsync(h => h.Start));
        var first = OffsetDateTimePattern.Rfc3339.Parse(slots![0].GetProperty("start").GetString()!).Value.TimeOfDay;
        Assert.InRange(first, shift, shift.PlusHours(1));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_auckland_quote_is_in_nzd_from_the_nzd_price_list(DatabaseProvider provider)
    {
        var app = await AppAt(provider, Start);
        var aroha = Assert.Single(await TherapistsIn(app, "Pacific/Auckland"), t => t.HomeSuburb == "Ponsonby");
        var nzd = await app.Scoped(s => s.GetRequiredService<PinpointDb>().ModalityPrices
            .SingleAsync(p => p.Modality == Modality.Myofascial && p.DurationMinutes == 60 && p.Currency == "NZD"));
        var aud = await app.Scoped(s => s.GetRequiredService<PinpointDb>().ModalityPrices
            .SingleAsync(p => p.Modality == Modality.Myofascial && p.DurationMinutes == 60 && p.Currency == "AUD"));
        using var client = app.CreateClient();

        var quote = await client.GetFromJsonAsync<JsonElement>(
            $"/api/bookings/quote?therapistId={aroha.Id}&modality=myofascial&durationMinutes=60&start=2026-11-30T11:00:00%2B13:00&latitude=-36.85&longitude=174.745");

        Assert.NotEqual(aud.Amount, nzd.Amount);
        Assert.Equal("NZD", quote.GetProperty("currency").GetString());
        var basePrice = quote.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "base");
        Assert.Equal(nzd.Amount, basePrice.GetProperty("amount").GetDecimal());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_address_outside_every_area_is_refused_with_a_422_on_its_field_not_a_500(DatabaseProvider provider)
    {
        var app = await AppAt(provider, Start);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        const string wellington = "latitude=-41.2865&longitude=174.7762";

        using var availability = await client.GetAsync($"/api/availability?{wellington}&modality=sports&date=2026-11-25");
        using var quote = await client.GetAsync($"/api/bookings/quote?therapistId={therapistId}&modality=myofascial&start=2026-11-30T11:00:00%2B13:00&{wellington}");
        using var booking = await BookAsync(client, therapistId, new LocalDateTime(2026, 11, 30, 11, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb["Pacific/Auckland"]),
            -41.2865, 174.7762, "outside");

        foreach (var response in new[] { availability, quote, booking })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("does not serve this address", problem.GetProperty("errors").GetProperty("latitude")[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Sydney_visits_either_side_of_the_april_change_keep_their_local_time_and_are_stored_at_the_right_instant(DatabaseProvider provider)
    {
        // Monday 29 March 2027, 9 am in Sydney, daylight time (+11) until Sunday 4 April at 3 am.
        var app = await AppAt(provider, new LocalDateTime(2027, 3, 29, 9, 0).InZoneStrictly(Sydney).ToInstant());
        var charlotte = Assert.Single(await TherapistsIn(app, "Australia/Sydney"), t => t.HomeSuburb == "Surry Hills");
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        var before = new LocalDateTime(2027, 4, 2, 10, 0).InZoneStrictly(Sydney);
        var after = new LocalDateTime(2027, 4, 9, 10, 0).InZoneStrictly(Sydney);

        using var first = await BookAsync(client, charlotte.Id, before, -33.8861, 151.2111, "before-change");
        using var second = await BookAsync(client, charlotte.Id, after, -33.8861, 151.2111, "after-change");

        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        Assert.True(second.StatusCode == HttpStatusCode.Created, await second.Content.ReadAsStringAsync());
        var shown = await client.GetFromJsonAsync<JsonElement[]>("/api/bookings");
        Assert.Contains(shown!, b => b.GetProperty("start").GetString() == "2027-04-02T10:00:00+11:00" && b.GetProperty("timeZone").GetString() == "Australia/Sydney");
        Assert.Contains(shown!, b => b.GetProperty("start").GetString() == "2027-04-09T10:00:00+10:00");
        var stored = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.AsNoTracking()
            .Where(b => b.TherapistId == charlotte.Id && b.Start != null).Select(b => b.Start!.Value).ToListAsync());
        Assert.Contains(Instant.FromUtc(2027, 4, 1, 23, 0), stored);
        Assert.Contains(Instant.FromUtc(2027, 4, 9, 0, 0), stored);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/bookings"));
        Assert.Contains("Friday 2 April, 10:00 AM AEDT", page, StringComparison.Ordinal);
        Assert.Contains("Friday 9 April, 10:00 AM AEST", page, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_visit_on_the_change_day_is_offered_once_per_instant_and_stored_at_its_instant(DatabaseProvider provider)
    {
        var app = await AppAt(provider, new LocalDateTime(2027, 3, 29, 9, 0).InZoneStrictly(Sydney).ToInstant());
        var nina = Assert.Single(await TherapistsIn(app, "Australia/Sydney"), t => t.HomeSuburb == "Bondi Junction");
        // Sundays too, from 1 am: the repeated hour (2 to 3 am) falls inside her hours on 4 April.
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            db.Add(new WorkingHoursEntry { TherapistId = nina.Id, DayOfWeek = IsoDayOfWeek.Sunday, Start = new LocalTime(1, 0), End = new LocalTime(12, 0) });
            await db.SaveChangesAsync();
        });
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);

        var slots = (await client.GetFromJsonAsync<JsonElement[]>(
                $"/api/availability?latitude=-33.893&longitude=151.25&modality=myofascial&date=2027-04-04&therapistId={nina.Id}"))!
            .Select(s => OffsetDateTimePattern.Rfc3339.Parse(s.GetProperty("start").GetString()!).Value).ToList();
        using var booked = await BookAsync(client, nina.Id, new LocalDateTime(2027, 4, 4, 9, 30).InZoneStrictly(Sydney), -33.893, 151.25, "change-day");

        Assert.Equal(slots.Count, slots.Select(s => s.ToInstant()).Distinct().Count());
        Assert.Contains(slots, s => s.LocalDateTime == new LocalDateTime(2027, 4, 4, 2, 15) && s.Offset == Offset.FromHours(11));
        Assert.Contains(slots, s => s.LocalDateTime == new LocalDateTime(2027, 4, 4, 2, 15) && s.Offset == Offset.FromHours(10));
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var body = await booked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2027-04-04T09:30:00+10:00", body.GetProperty("start").GetString());
        var stored = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.AsNoTracking()
            .SingleAsync(b => b.Id == body.GetProperty("id").GetGuid()));
        Assert.Equal(Instant.FromUtc(2027, 4, 3, 23, 30), stored.Start);
        Assert.Equal(Duration.FromMinutes(60), stored.End - stored.Start);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_plan_page_offers_every_area_with_its_zone(DatabaseProvider provider)
    {
        var app = await AppAt(provider, Start);
        using var admin = await app.ClientForAsync(Principal.Admin);

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/plan"));

        foreach (var (key, zone) in new[] { ("melbourne", "Australia/Melbourne"), ("sydney", "Australia/Sydney"), ("brisbane", "Australia/Brisbane"), ("perth", "Australia/Perth"), ("auckland", "Pacific/Auckland") })
        {
            Assert.Contains($"value=\"{key}\"", page, StringComparison.Ordinal);
            Assert.Contains(zone, page, StringComparison.Ordinal);
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_day_plan_takes_the_requests_and_therapists_of_its_own_area_only(DatabaseProvider provider)
    {
        var app = await AppAt(provider, Start);
        var (melbourneClient, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        var (perthClient, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        // Thursday 10 December: 9 am to noon in Carlton, and 9 am to noon in Subiaco (noon to 3 pm in Melbourne's clock).
        using var inMelbourne = await WindowBookingTests.RequestWindowAsync(melbourneClient, WindowBookingTests.At(12, 10, 9), WindowBookingTests.At(12, 10, 12), "area-mel");
        using var inPerth = await WindowBookingTests.RequestWindowAsync(perthClient, WindowBookingTests.At(12, 10, 12), WindowBookingTests.At(12, 10, 15), "area-per",
            latitude: -31.948, longitude: 115.826);
        Assert.True(inMelbourne.StatusCode == HttpStatusCode.Created, await inMelbourne.Content.ReadAsStringAsync());
        Assert.True(inPerth.StatusCode == HttpStatusCode.Created, await inPerth.Content.ReadAsStringAsync());
        var melbourneId = (await inMelbourne.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var perthId = (await inPerth.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var (perth, melbourne) = await app.Scoped(async s =>
        {
            var builder = s.GetRequiredService<DayProblemBuilder>();
            var day = new LocalDate(2026, 12, 10);
            return (await builder.BuildAsync(day, Zones.Areas.Find("perth")!, CancellationToken.None),
                await builder.BuildAsync(day, Zones.Areas.Find("melbourne")!, CancellationToken.None));
        });

        Assert.Contains(perth.Bookings, b => b?.Id == perthId);
        Assert.DoesNotContain(perth.Bookings, b => b?.Id == melbourneId);
        Assert.Contains(melbourne.Bookings, b => b?.Id == melbourneId);
        Assert.DoesNotContain(melbourne.Bookings, b => b?.Id == perthId);
        Assert.NotEmpty(perth.Therapists);
        Assert.All(perth.Therapists, t => Assert.Equal("Australia/Perth", t.Zone.Id));
        Assert.All(melbourne.Therapists, t => Assert.Equal("Australia/Melbourne", t.Zone.Id));
    }
}
