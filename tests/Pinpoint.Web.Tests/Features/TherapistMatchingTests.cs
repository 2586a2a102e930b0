using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Features.Therapists;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Who is offered: gender preference, screening needs, the intake's match, and hours changed a moment ago.</summary>
public sealed class TherapistMatchingTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private const string Carlton = "latitude=-37.8001&longitude=144.9671";
    private const string Wednesday = "2026-11-25";

    private static async Task<HashSet<Guid>> OfferedAsync(HttpClient client, string query)
    {
        var slots = await client.GetFromJsonAsync<JsonElement[]>($"/api/availability?{Carlton}&date={Wednesday}&{query}");
        return [.. slots!.SelectMany(s => s.GetProperty("therapists").EnumerateArray().Select(t => t.GetProperty("therapistId").GetGuid()))];
    }

    private static Task<Dictionary<Guid, (TherapistGender Gender, List<string> Interests)>> TherapistsAsync(PinpointApp app) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Therapists.AsNoTracking()
            .ToDictionaryAsync(t => t.Id, t => (t.Gender, t.Interests)));

    private static async Task SubmitIntakeAsync(HttpClient client, object intake)
    {
        var consents = new { consents = new Dictionary<string, string> { ["treatment"] = ConsentTexts.Treatment.Version, ["privacy"] = ConsentTexts.Privacy.Version } };
        (await client.PutAsJsonAsync("/api/intake/draft", intake)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/intake/submit", consents)).EnsureSuccessStatusCode();
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_gender_preference_offers_only_therapists_of_that_gender(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapists = await TherapistsAsync(app);
        using var anonymous = app.NewBrowserLikeClient();

        var anyone = await OfferedAsync(anonymous, "modality=myofascial");
        var men = await OfferedAsync(anonymous, "modality=myofascial&gender=male");

        Assert.Contains(anyone, id => therapists[id].Gender == TherapistGender.Female);
        Assert.NotEmpty(men);
        Assert.All(men, id => Assert.Equal(TherapistGender.Male, therapists[id].Gender));
        Assert.Subset(anyone, men);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_unknown_gender_preference_is_a_field_error(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var anonymous = app.NewBrowserLikeClient();

        using var response = await anonymous.GetAsync($"/api/availability?{Carlton}&date={Wednesday}&modality=myofascial&gender=robot");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("gender", out _));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_intake_preference_applies_when_the_client_is_signed_in(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapists = await TherapistsAsync(app);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        await SubmitIntakeAsync(client, new
        {
            regions = new[] { new { id = "temple-left", intensity = 6 } }, duration = "months", complaints = new[] { "tension-headaches" }, goals = new[] { "pain-relief" },
            preferences = new { pressure = "gentle", therapistGender = "female", scent = "none", music = "quiet", lighting = "soft", roomTemperature = "warm" },
            screening = IntakeApiTests.Screening(),
        });

        var offered = await OfferedAsync(client, "modality=myofascial");

        Assert.NotEmpty(offered);
        Assert.All(offered, id => Assert.Equal(TherapistGender.Female, therapists[id].Gender));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_pregnant_client_is_offered_and_may_book_only_prenatal_trained_therapists(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapists = await TherapistsAsync(app);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        await SubmitIntakeAsync(client, IntakeApiTests.CompleteIntake("pregnancy"));

        var offered = await OfferedAsync(client, "modality=myofascial");

        Assert.NotEmpty(offered);
        Assert.All(offered, id => Assert.Contains("prenatal", therapists[id].Interests));
        var untrained = await app.TherapistIdAsync(SignIn.TherapistEmail);
        Assert.DoesNotContain("prenatal", therapists[untrained].Interests);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new
            {
                therapistId = untrained, modality = "myofascial", durationMinutes = 60, latitude = -37.8001, longitude = 144.9671, address = "1 Lygon St, Carlton",
                start = OffsetDateTimePattern.Rfc3339.Format(DateTimeZoneProviders.Tzdb["Australia/Melbourne"].AtStrictly(new LocalDateTime(2026, 11, 25, 10, 0)).ToOffsetDateTime()),
            }),
        };
        request.Headers.Add("Idempotency-Key", "prenatal");
        using var refused = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("prenatal", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("therapistId")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Time_off_a_therapist_just_saved_shows_in_the_next_search(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var maya = await app.TherapistIdAsync(SignIn.TherapistEmail);
        using var anonymous = app.NewBrowserLikeClient();
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        Assert.Contains(maya, await OfferedAsync(anonymous, "modality=myofascial"));

        (await therapist.PostAsJsonAsync("/api/therapists/me/exceptions", new { firstDay = Wednesday, lastDay = Wednesday, note = "Conference" })).EnsureSuccessStatusCode();
        Assert.DoesNotContain(maya, await OfferedAsync(anonymous, "modality=myofascial"));

        var id = (await therapist.GetFromJsonAsync<JsonElement>("/api/therapists/me/hours")).GetProperty("exceptions")[0].GetProperty("id").GetInt64();
        (await therapist.DeleteAsync($"/api/therapists/me/exceptions/{id}")).EnsureSuccessStatusCode();
        Assert.Contains(maya, await OfferedAsync(anonymous, "modality=myofascial"));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Every_therapy_page_leads_into_booking_that_therapy(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var anonymous = app.NewBrowserLikeClient();

        var detail = await anonymous.GetStringAsync("/modalities/neuromuscular");
        var list = await anonymous.GetStringAsync("/modalities");
        var book = await anonymous.GetStringAsync("/book?modality=neuromuscular");

        Assert.Contains("href=\"/book?modality=neuromuscular\"", detail, StringComparison.Ordinal);
        Assert.Contains("href=\"/book?modality=clinical\"", list, StringComparison.Ordinal);
        Assert.Matches("value=\"neuromuscular\"\\s+checked", book);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_visit_booked_moved_or_cancelled_a_moment_ago_shows_in_the_next_search(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var maya = await app.TherapistIdAsync(SignIn.TherapistEmail);
        using var anonymous = app.NewBrowserLikeClient();
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        var melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
        string At(int hour) => OffsetDateTimePattern.Rfc3339.Format(melbourne.AtStrictly(new LocalDateTime(2026, 11, 25, hour, 0)).ToOffsetDateTime());
        async Task<bool> OfferedAtAsync(int hour) =>
            (await anonymous.GetFromJsonAsync<JsonElement[]>($"/api/availability?{Carlton}&date={Wednesday}&modality=myofascial"))!
            .Any(s => s.GetProperty("start").GetString() == At(hour) && s.GetProperty("therapists").EnumerateArray().Any(t => t.GetProperty("therapistId").GetGuid() == maya));
        Assert.True(await OfferedAtAsync(10));
        Assert.True(await OfferedAtAsync(13));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new { therapistId = maya, modality = "myofascial", durationMinutes = 60, start = At(10), latitude = -37.8001, longitude = 144.9671, address = "1 Lygon St" }),
        };
        request.Headers.Add("Idempotency-Key", "cache");
        using var booked = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.False(await OfferedAtAsync(10));

        (await client.PostAsJsonAsync($"/api/bookings/{id}/reschedule", new { start = At(13) })).EnsureSuccessStatusCode();
        Assert.True(await OfferedAtAsync(10));
        Assert.False(await OfferedAtAsync(13));

        (await client.PostAsJsonAsync($"/api/bookings/{id}/cancel", new { reason = "Changed my mind" })).EnsureSuccessStatusCode();
        Assert.True(await OfferedAtAsync(13));
    }
}
