using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Outcomes;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Clinical;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Features.Outcomes;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>
/// A client's own times and prices follow their city: the area of their latest booking's address (or the one they
/// chose), else the home area. Every test runs at an instant when Melbourne (the home area) has already reached
/// Tuesday 24 November while Perth is still on Monday 23rd, so a date taken in the wrong zone shows.
/// </summary>
public sealed partial class ClientAreaTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    // 2 pm UTC on 23 November 2026: 1 am Tuesday in Melbourne (AEDT) and 3 am Tuesday in Auckland, 10 pm Monday in Perth.
    private static readonly Instant Split = Instant.FromUtc(2026, 11, 23, 14, 0);

    private static readonly (double Latitude, double Longitude) Subiaco = (-31.948, 115.826);
    private static readonly (double Latitude, double Longitude) Ponsonby = (-36.85, 174.745);

    private async Task<PinpointApp> AppAsync(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        app.Clock.Reset(Split);
        return app;
    }

    /// <summary>Books the first free sports session on Thursday 26 November at the address, through the API, as the client would.</summary>
    private static async Task<JsonElement> BookAsync(HttpClient client, (double Latitude, double Longitude) at, string key)
    {
        var slots = await client.GetFromJsonAsync<JsonElement[]>(
            FormattableString.Invariant($"/api/availability?latitude={at.Latitude}&longitude={at.Longitude}&modality=sports&durationMinutes=60&date=2026-11-26"));
        Assert.NotEmpty(slots!);
        var slot = slots![0];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new
            {
                therapistId = slot.GetProperty("therapists")[0].GetProperty("therapistId").GetGuid(), modality = "sports", durationMinutes = 60,
                start = slot.GetProperty("start").GetString(), latitude = at.Latitude, longitude = at.Longitude, address = "1 Hay St",
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<(HttpClient Client, string UserId, string Email, JsonElement Booking)> ClientInAsync(PinpointApp app, (double, double) at)
    {
        var (client, userId, email) = await IntakeApiTests.RegisterClientAsync(app);
        var booking = await BookAsync(client, at, "first");
        return (client, userId, email, booking);
    }

    private static Task<string?> StoredAreaAsync(PinpointApp app, string userId) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.HomeArea).SingleAsync());

    private static async Task<string> PageAsync(HttpClient client, string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path));

    private static string DateField(string bookPage) => DateValue().Match(bookPage) is { Success: true } m ? m.Groups[1].Value : "(no date field)";

    [GeneratedRegex("id=\"date\" name=\"date\" type=\"date\" value=\"([0-9-]+)\"")]
    private static partial Regex DateValue();

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_client_who_has_not_booked_keeps_the_home_area_for_dates_and_prices(DatabaseProvider provider)
    {
        var app = await AppAsync(provider);
        var (client, userId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;

        var account = await PageAsync(client, "/account");
        var book = await PageAsync(client, "/book");
        var prices = await PageAsync(client, "/modalities");

        Assert.Null(await StoredAreaAsync(app, userId));
        Assert.Contains("Melbourne time (Australia/Melbourne)", account, StringComparison.Ordinal);
        Assert.Equal("2026-11-25", DateField(book)); // Melbourne is on Tuesday 24th
        Assert.Contains("Australian dollars (AUD)", prices, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_booking_in_perth_makes_perth_the_clients_area_and_the_book_page_starts_on_perths_tomorrow(DatabaseProvider provider)
    {
        var app = await AppAsync(provider);
        var (client, userId, _, _) = await ClientInAsync(app, Subiaco);
        using var _c = client;

        var account = await PageAsync(client, "/account");
        var book = await PageAsync(client, "/book");

        Assert.Equal("perth", await StoredAreaAsync(app, userId));
        Assert.Contains("Perth time (Australia/Perth)", account, StringComparison.Ordinal);
        Assert.Equal("2026-11-24", DateField(book)); // Perth is still on Monday 23rd
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Booking_in_a_new_city_moves_the_clients_area_there(DatabaseProvider provider)
    {
        var app = await AppAsync(provider);
        var (client, userId, _, _) = await ClientInAsync(app, Subiaco);
        using var _c = client;
        var before = await StoredAreaAsync(app, userId);

        await BookAsync(client, Ponsonby, "second");

        Assert.Equal("perth", before);
        Assert.Equal("auckland", await StoredAreaAsync(app, userId));
        Assert.Contains("Auckland time (Pacific/Auckland)", await PageAsync(client, "/account"), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_client_in_auckland_reads_prices_in_nzd_and_a_visitor_in_aud(DatabaseProvider provider)
    {
        var app = await AppAsync(provider);
        var (client, _, _, _) = await ClientInAsync(app, Ponsonby);
        using var _c = client;
        using var visitor = app.CreateClient();
        var (nzd, aud) = await app.Scoped(async s =>
        {
            var prices = s.GetRequiredService<PinpointDb>().ModalityPrices.AsNoTracking().Where(p => p.Modality == Modality.Sports && p.DurationMinutes == 60);
            return ((await prices.SingleAsync(p => p.Currency == "NZD")).Amount, (await prices.SingleAsync(p => p.Currency == "AUD")).Amount);
        });
        string Shown(decimal amount) => Pinpoint.Web.Features.Catalogue.PriceText.Format(amount);

        var modalities = await PageAsync(client, "/modalities");
        var book = await PageAsync(client, "/book");
        var api = await client.GetFromJsonAsync<JsonElement>("/api/modalities/sports");
        var anonymous = await PageAsync(visitor, "/modalities");

        Assert.NotEqual(nzd, aud);
        Assert.Contains("New Zealand dollars (NZD)", modalities, StringComparison.Ordinal);
        Assert.Contains($"60 min {Shown(nzd)}", book, StringComparison.Ordinal);
        Assert.Contains("prices in NZD", book, StringComparison.Ordinal);
        Assert.All(api.GetProperty("prices").EnumerateArray(), p => Assert.Equal("NZD", p.GetProperty("currency").GetString()));
        Assert.Contains("Australian dollars (AUD)", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("NZD", anonymous, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_perth_clients_intake_is_dated_and_checked_on_perths_day(DatabaseProvider provider)
    {
        var app = await AppAsync(provider);
        var (client, _, _, _) = await ClientInAsync(app, Subiaco);
        using var _c = client;
        var screening = IntakeApiTests.Screening();
        screening["recent-surgery-fracture"] = new { yes = true, regions = new[] { "temple-left" }, date = "2026-11-24" };

        // Tuesday 24th is tomorrow in Perth: a date in the future.
        using var tomorrow = await client.PutAsJsonAsync("/api/intake/draft", new { screening });
        screening["recent-surgery-fracture"] = new { yes = true, regions = new[] { "temple-left" }, date = "2026-11-23" };
        using var today = await client.PutAsJsonAsync("/api/intake/draft", new { screening });
        await client.PutAsJsonAsync("/api/intake/draft", IntakeApiTests.CompleteIntake());
        using var submitted = await client.PostAsJsonAsync("/api/intake/submit", new
        {
            consents = new Dictionary<string, string> { ["treatment"] = ConsentTexts.Treatment.Version, ["privacy"] = ConsentTexts.Privacy.Version },
        });
        var account = await PageAsync(client, "/account");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tomorrow.StatusCode);
        Assert.Contains("cannot be in the future", await tomorrow.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, today.StatusCode);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Contains("sent 23 November 2026", account, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_perth_clients_home_care_today_is_perths_day(DatabaseProvider provider)
    {
        var app = await AppAsync(provider);
        var (client, userId, _, booking) = await ClientInAsync(app, Subiaco);
        using var _c = client;
        var prescriptionId = await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var visit = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booking.GetProperty("id").GetGuid());
            var prescription = new HomeCarePrescription
            {
                BookingId = visit.Id, TherapistId = visit.TherapistId!.Value, ClientUserId = userId, ExerciseId = "posture:chin-tucks",
                HoldSeconds = 5, Repetitions = 10, TimesPerDay = 3, Days = 14, StartsOn = new LocalDate(2026, 11, 20), CreatedAt = Split,
            };
            db.Add(prescription);
            await db.SaveChangesAsync();
            return prescription.Id;
        });

        using var tuesday = await client.PutAsJsonAsync($"/api/home-care/{prescriptionId}/days/2026-11-24", new { done = true });
        using var monday = await client.PutAsJsonAsync($"/api/home-care/{prescriptionId}/days/2026-11-23", new { done = true });
        var page = await PageAsync(client, "/home-care");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tuesday.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, monday.StatusCode);
        Assert.Matches("value=\"2026-11-23\"[^>]*/> Today", page);
        Assert.DoesNotContain("value=\"2026-11-24\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_perth_clients_progress_is_dated_on_perths_day(DatabaseProvider provider)
    {
        var app = await AppAsync(provider);
        var (client, userId, _, _) = await ClientInAsync(app, Subiaco);
        using var _c = client;
        var instrument = OutcomeMeasures.All.First(i => i.Id != OutcomeMeasures.Pain.Id);
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            db.Add(new OutcomeResponse { ClientUserId = userId, InstrumentId = instrument.Id, AnswersJson = "{}", Score = instrument.Min, TakenAt = Split });
            await db.SaveChangesAsync();
        });

        var page = await PageAsync(client, "/progress");

        Assert.Contains($"data-testid=\"measure-{instrument.Id}\"", page, StringComparison.Ordinal);
        Assert.Contains("23 Nov 2026", page, StringComparison.Ordinal);
        Assert.DoesNotContain("24 Nov 2026", page, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_plan_in_perth_shows_its_sessions_at_perths_local_times(DatabaseProvider provider)
    {
        var app = await AppAsync(provider);
        var (client, _, _, booking) = await ClientInAsync(app, Subiaco);
        using var _c = client;
        // A course with the same therapist, weekly from the Thursday after the booked visit, at the same local time.
        var first = OffsetDateTimePattern.Rfc3339.Parse(booking.GetProperty("start").GetString()!).Value;
        var start = OffsetDateTimePattern.Rfc3339.Format(first.Plus(Duration.FromDays(7)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/plans")
        {
            Content = JsonContent.Create(new
            {
                therapistId = booking.GetProperty("therapistId").GetGuid(), modality = "sports", durationMinutes = 60, firstStart = start, sessions = 2,
                cadenceDays = 7, latitude = Subiaco.Latitude, longitude = Subiaco.Longitude, address = "1 Hay St, Subiaco",
            }),
        };
        request.Headers.Add("Idempotency-Key", "perth-plan");
        using var created = await client.SendAsync(request);
        Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        var plan = await created.Content.ReadFromJsonAsync<JsonElement>();

        var page = await PageAsync(client, $"/plans/{plan.GetProperty("id").GetGuid()}");
        var preview = await PageAsync(client, FormattableString.Invariant(
            $"/plans/new?therapist={booking.GetProperty("therapistId").GetGuid()}&modality=sports&minutes=60&start={Uri.EscapeDataString(start)}&latitude={Subiaco.Latitude}&longitude={Subiaco.Longitude}&sessions=2&cadence=7"));

        var local = first.LocalDateTime.TimeOfDay.ToString("h:mm tt", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Offset.FromHours(8), first.Offset);
        Assert.All(plan.GetProperty("booked").EnumerateArray(), s => Assert.EndsWith("+08:00", s.GetProperty("start").GetString(), StringComparison.Ordinal));
        Assert.Contains($"Thu 3 Dec, {local}", page, StringComparison.Ordinal);
        Assert.Contains($"Thu 10 Dec, {local}", page, StringComparison.Ordinal);
        Assert.Contains("Times in Perth time (Australia/Perth)", preview, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_account_email_to_a_perth_client_states_perths_time(DatabaseProvider provider)
    {
        var app = await AppAsync(provider);
        var (client, _, email, _) = await ClientInAsync(app, Subiaco);
        using var _c = client;

        using var changed = await client.SubmitAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.Current"] = "tight-traps-2026", ["Input.New"] = "tight-traps-2027", ["Input.Repeat"] = "tight-traps-2027",
        });
        var message = Assert.Single(await app.MessagesAsync(email, NotificationKind.PasswordChanged));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("Monday 23 November 2026 at 10:00 PM (Australia/Perth time)", message.Body, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_admin_client_record_dates_a_perth_client_on_perths_day(DatabaseProvider provider)
    {
        var app = await AppAsync(provider);
        var (client, userId, _, _) = await ClientInAsync(app, Subiaco);
        using var _c = client;
        using var admin = await app.ClientForAsync(Principal.Admin);

        var page = await PageAsync(admin, $"/admin/clients/{userId}");

        Assert.Contains("joined 23 Nov 2026", page, StringComparison.Ordinal);
        Assert.Contains("Perth time (Australia/Perth)", page, StringComparison.Ordinal);
        Assert.Contains("Thu 26 Nov", page, StringComparison.Ordinal);
        Assert.Contains("AWST", page, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_client_can_set_their_city_on_the_account_page_and_an_unknown_one_is_refused(DatabaseProvider provider)
    {
        var app = await AppAsync(provider);
        var (client, userId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;

        using var unknown = await client.SubmitAsync("/account", new Dictionary<string, string> { ["area"] = "atlantis" }, "/account?handler=Area");
        var refused = WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync());
        var afterUnknown = await StoredAreaAsync(app, userId);
        using var chosen = await client.SubmitAsync("/account", new Dictionary<string, string> { ["area"] = "perth" }, "/account?handler=Area");
        var account = await PageAsync(client, "/account");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Choose one of the cities we serve", refused, StringComparison.Ordinal);
        Assert.Null(afterUnknown);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("perth", await StoredAreaAsync(app, userId));
        Assert.Contains("Perth time (Australia/Perth)", account, StringComparison.Ordinal);
        Assert.Matches("<option value=\"perth\" selected=\"selected\"", account);
    }
}
