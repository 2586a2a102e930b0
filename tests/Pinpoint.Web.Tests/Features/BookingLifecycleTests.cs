using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Quotes, snapshots, screening, cancellation fees, moves and closing a visit.</summary>
public sealed class BookingLifecycleTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private const double Latitude = -37.8001;
    private const double Longitude = 144.9671;
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];

    private static string At(int day, int hour, int minute = 0) =>
        OffsetDateTimePattern.Rfc3339.Format(Melbourne.AtStrictly(new LocalDateTime(2026, 11, day, hour, minute)).ToOffsetDateTime());

    internal static async Task<HttpResponseMessage> BookAsync(HttpClient client, Guid therapistId, string start, string key, string therapy = "myofascial")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new { therapistId, modality = therapy, durationMinutes = 60, start, latitude = Latitude, longitude = Longitude, address = "1 Lygon St, Carlton" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> BookedAsync(HttpClient client, Guid therapistId, string start, string key)
    {
        using var response = await BookAsync(client, therapistId, start, key);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Cancelling_early_is_free_late_costs_half_and_frees_the_time(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);

        var early = await BookedAsync(client, therapistId, At(30, 10), "early");
        var late = await BookedAsync(client, therapistId, At(24, 13), "late"); // now is 24 Nov 09:00 in Melbourne

        var freeCancel = await (await client.PostAsJsonAsync($"/api/bookings/{early.GetProperty("id").GetGuid()}/cancel", new { reason = "Feeling better" })).Content.ReadFromJsonAsync<JsonElement>();
        var lateCancel = await (await client.PostAsJsonAsync($"/api/bookings/{late.GetProperty("id").GetGuid()}/cancel", new { })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(0m, freeCancel.GetProperty("fee").GetDecimal());
        Assert.Equal("cancelled", freeCancel.GetProperty("booking").GetProperty("status").GetString());
        Assert.Equal(late.GetProperty("price").GetDecimal() / 2, lateCancel.GetProperty("fee").GetDecimal());
        using var again = await BookAsync(client, therapistId, At(30, 10), "early-again");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var stored = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.SingleAsync(b => b.IdempotencyKey == "early" && b.ClientUserId != null));
        Assert.Equal("Feeling better", stored.StatusReason);
        Assert.Equal(1, stored.Sequence);
        Assert.NotNull(stored.StatusChangedBy);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_therapist_cancelling_offers_other_therapists_and_charges_nothing(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        var booking = await BookedAsync(client, therapistId, At(26, 11), "t-cancel");
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        using var response = await therapist.PostAsJsonAsync($"/api/bookings/{booking.GetProperty("id").GetGuid()}/cancel", new { reason = "Unwell" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0m, body.GetProperty("fee").GetDecimal());
        var alternatives = body.GetProperty("alternatives").EnumerateArray().ToList();
        Assert.NotEmpty(alternatives);
        Assert.All(alternatives, s => Assert.DoesNotContain(s.GetProperty("therapists").EnumerateArray(), t => t.GetProperty("therapistId").GetGuid() == therapistId));
    }

    /// <summary>Any therapist's free time on the day from the given hour: the fee tests need a time, not a particular therapist.</summary>
    private static async Task<(Guid TherapistId, string Start)> AnySlotAsync(HttpClient client, string date, int fromHour, int beforeHour = 24)
    {
        var slots = await client.GetFromJsonAsync<JsonElement[]>(
            $"/api/availability?latitude={Latitude}&longitude={Longitude}&modality=myofascial&durationMinutes=60&date={date}");
        var slot = slots!.Select(s => (Start: OffsetDateTimePattern.Rfc3339.Parse(s.GetProperty("start").GetString()!).Value, Slot: s))
            .First(s => s.Start.Hour >= fromHour && s.Start.Hour < beforeHour);
        return (slot.Slot.GetProperty("therapists")[0].GetProperty("therapistId").GetGuid(), OffsetDateTimePattern.Rfc3339.Format(slot.Start));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_late_cancellation_happens_only_at_the_fee_the_client_agreed_to(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        // Later today (now is 24 Nov 09:00): inside 24 hours, outside 4, so half the price.
        var (therapistId, start) = await AnySlotAsync(client, "2026-11-24", fromHour: 14);
        var late = await BookedAsync(client, therapistId, start, "late-consent");
        var id = late.GetProperty("id").GetGuid();
        var half = late.GetProperty("price").GetDecimal() / 2;

        using var unaware = await client.PostAsJsonAsync($"/api/bookings/{id}/cancel", new { acceptedFee = 0m });
        Assert.Equal(HttpStatusCode.Conflict, unaware.StatusCode);
        var problem = await unaware.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(half, problem.GetProperty("fee").GetDecimal());
        Assert.Equal(BookingStatus.Confirmed, await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.Where(b => b.Id == id).Select(b => b.Status).SingleAsync()));

        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/bookings"));
        Assert.Contains($"Cancelling now costs {half:0.00} AUD (50% of the price): the visit is less than 24 hours away.", page, StringComparison.Ordinal);
        Assert.Contains($"Cancel and pay {half:0.00} AUD", page, StringComparison.Ordinal);

        using var agreed = await client.PostAsJsonAsync($"/api/bookings/{id}/cancel", new { acceptedFee = half });
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        Assert.Equal(half, (await agreed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fee").GetDecimal());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Moving_shows_the_fee_in_money_and_never_offers_the_time_it_has(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        var (soonTherapist, soonStart) = await AnySlotAsync(client, "2026-11-24", fromHour: 15);
        var soon = await BookedAsync(client, soonTherapist, soonStart, "move-soon");
        var (laterTherapist, laterStart) = await AnySlotAsync(client, "2026-11-26", fromHour: 11, beforeHour: 14);
        var later = await BookedAsync(client, laterTherapist, laterStart, "move-later");

        var soonPage = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/bookings/{soon.GetProperty("id").GetGuid()}/move"));
        var laterPage = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/bookings/{later.GetProperty("id").GetGuid()}/move"));

        var half = soon.GetProperty("price").GetDecimal() / 2;
        Assert.Contains($"Moving it now costs {half:0.00} AUD (50% of the price).", soonPage, StringComparison.Ordinal);
        Assert.Contains($"(fee {half:0.00} AUD)", soonPage, StringComparison.Ordinal);
        Assert.Contains("Moving it now is free.", laterPage, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-11-26T", laterPage, StringComparison.Ordinal); // other times that day are offered
        Assert.DoesNotContain($"value=\"{laterStart}\"", laterPage, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_review_page_warns_when_the_visit_starts_inside_the_fee_window(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        string Review(string start) => $"/book/review?therapist={therapistId}&modality=myofascial&minutes=60&start={Uri.EscapeDataString(start)}&latitude={Latitude}&longitude={Longitude}&address=Carlton";
        using var anonymous = app.CreateClient();

        var soon = await anonymous.GetStringAsync(Review(At(24, 18)));
        var later = await anonymous.GetStringAsync(Review(At(28, 10)));

        Assert.Contains("data-testid=\"late-warning\">This visit starts in under 24 hours", soon, StringComparison.Ordinal);
        Assert.DoesNotContain("late-warning", later, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_client_moves_a_booking_to_a_free_time_but_not_onto_another(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        var (other, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        var mine = await BookedAsync(client, therapistId, At(27, 9), "move-mine");
        await BookedAsync(other, therapistId, At(27, 12), "move-other");
        var id = mine.GetProperty("id").GetGuid();

        using var clash = await client.PostAsJsonAsync($"/api/bookings/{id}/reschedule", new { start = At(27, 12, 30) });
        using var moved = await client.PostAsJsonAsync($"/api/bookings/{id}/reschedule", new { start = At(27, 9, 30) });

        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var booking = (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("booking");
        Assert.Equal(At(27, 9, 30), booking.GetProperty("start").GetString());
        Assert.Equal("confirmed", booking.GetProperty("status").GetString());
        using var stranger = await app.ClientForAsync(Principal.Client);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/bookings/{id}/cancel", new { })).StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_therapist_closes_a_visit_only_once_it_has_started(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        var future = await BookedAsync(client, therapistId, At(30, 13), "close-future");
        var pastId = Guid.NewGuid();
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var start = app.Clock.GetCurrentInstant() - Duration.FromHours(30);
            db.Bookings.Add(new Booking
            {
                Id = pastId, ClientUserId = clientId, TherapistId = therapistId, Start = start, End = start + Duration.FromHours(1),
                OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70),
            });
            await db.SaveChangesAsync();
        });
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        Assert.Equal(HttpStatusCode.Conflict, (await therapist.PostAsync($"/api/bookings/{future.GetProperty("id").GetGuid()}/complete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await therapist.PostAsync($"/api/bookings/{pastId}/no-show", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await therapist.PostAsync($"/api/bookings/{pastId}/complete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/bookings/{pastId}/complete", null)).StatusCode);
        var schedule = await therapist.GetFromJsonAsync<JsonElement[]>("/api/therapists/me/bookings");
        Assert.Contains(schedule!, b => b.GetProperty("id").GetGuid() == pastId && b.GetProperty("status").GetString() == "noshow");
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_booking_keeps_the_intake_version_and_a_stop_answer_blocks_booking(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        var consents = new { consents = new Dictionary<string, string> { ["treatment"] = ConsentTexts.Treatment.Version, ["privacy"] = ConsentTexts.Privacy.Version } };
        await client.PutAsJsonAsync("/api/intake/draft", IntakeApiTests.CompleteIntake("anticoagulants"));
        await client.PostAsJsonAsync("/api/intake/submit", consents);

        var booking = await BookedAsync(client, therapistId, At(25, 10), "snapshot");
        Assert.Equal(1, booking.GetProperty("intakeVersion").GetInt32());
        var stored = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.SingleAsync(b => b.ClientUserId == clientId));
        Assert.Contains("gentlePressureOnly", stored.ScreeningJson, StringComparison.Ordinal);
        Assert.Contains("\"pressure\":\"gentle\"", stored.PreferencesJson, StringComparison.Ordinal);

        await client.PutAsJsonAsync("/api/intake/draft", IntakeApiTests.CompleteIntake("fever"));
        await client.PostAsJsonAsync("/api/intake/submit", new { });
        using var refused = await BookAsync(client, therapistId, At(25, 12), "stop");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("doctor", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("screening")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_quote_prices_the_visit_and_states_the_policy(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        using var anonymous = app.CreateClient();

        var weekday = await anonymous.GetFromJsonAsync<JsonElement>($"/api/bookings/quote?therapistId={therapistId}&modality=myofascial&durationMinutes=60&start={Uri.EscapeDataString(At(25, 10))}&latitude={Latitude}&longitude={Longitude}");
        var saturday = await anonymous.GetFromJsonAsync<JsonElement>($"/api/bookings/quote?therapistId={therapistId}&modality=myofascial&durationMinutes=60&start={Uri.EscapeDataString(At(28, 10))}&latitude={Latitude}&longitude={Longitude}");

        Assert.Equal(125m, weekday.GetProperty("total").GetDecimal());
        Assert.Equal(["base", "weekend"], saturday.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("code").GetString()));
        Assert.Contains("24 hours", weekday.GetProperty("cancellationPolicy").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await anonymous.GetAsync("/api/bookings/quote?modality=reiki")).StatusCode);
    }
}
