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
