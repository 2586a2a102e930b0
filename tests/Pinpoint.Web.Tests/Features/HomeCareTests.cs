using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Home care: prescribed after a visit, ticked by the client day by day, adherence seen by the care team.</summary>
public sealed class HomeCareTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static async Task<(HttpClient Client, string ClientId, Guid BookingId)> VisitAsync(PinpointApp app)
    {
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var id = Guid.NewGuid();
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var end = app.Clock.GetCurrentInstant() - Duration.FromHours(1) - Duration.FromMinutes(db.Bookings.Count() * 90);
            db.Bookings.Add(new Booking
            {
                Id = id, ClientUserId = clientId, TherapistId = therapistId, Start = end - Duration.FromHours(1), End = end,
                OccupiedStart = end - Duration.FromMinutes(70), OccupiedEnd = end + Duration.FromMinutes(10), Status = BookingStatus.Completed,
            });
            await db.SaveChangesAsync();
        });
        return (client, clientId, id);
    }

    private static string Today(PinpointApp app) => app.Clock.GetCurrentInstant().InZone(Zones.Areas.Find("melbourne")!.Zone).Date.ToString("yyyy-MM-dd", null);

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Prescribed_exercises_are_ticked_by_the_client_and_adherence_reaches_the_therapist(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId, id) = await VisitAsync(app);
        using var _c = client;
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        using var other = await app.ClientForAsync(Principal.OtherTherapist);
        var items = new[]
        {
            new { exerciseId = "release:upper-trapezius", holdSeconds = 30, repetitions = 3, timesPerDay = 2, days = 14, note = (string?)"Both sides." },
            new { exerciseId = "posture:chin-tucks", holdSeconds = 5, repetitions = 10, timesPerDay = 3, days = 7, note = (string?)null },
        };

        using var bad = await therapist.PostAsJsonAsync($"/api/bookings/{id}/home-care", new { items = new[] { new { exerciseId = "release:nothing", days = 100 } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("items[0].exerciseId", out _) && errors.TryGetProperty("items[0].days", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"/api/bookings/{id}/home-care", new { items })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/bookings/{id}/home-care", new { items })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await therapist.PostAsJsonAsync($"/api/bookings/{id}/home-care", new { items })).StatusCode);

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/home-care");
        var prescriptions = mine.GetProperty("prescriptions").EnumerateArray().ToList();
        Assert.Equal(2, prescriptions.Count);
        Assert.Contains(prescriptions, p => p.GetProperty("dose").GetString() == "Hold 30 s × 3, twice a day, for 14 days");
        var trapezius = prescriptions.Single(p => p.GetProperty("exerciseId").GetString() == "release:upper-trapezius").GetProperty("id").GetInt64();

        var today = Today(app);
        var tomorrow = app.Clock.GetCurrentInstant().InZone(Zones.Areas.Find("melbourne")!.Zone).Date.PlusDays(1).ToString("yyyy-MM-dd", null);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/home-care/{trapezius}/days/{today}", new { done = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/home-care/{trapezius}/days/{today}", new { done = true })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PutAsJsonAsync($"/api/home-care/{trapezius}/days/{tomorrow}", new { done = true })).StatusCode);
        using var stranger = await app.ClientForAsync(Principal.Client);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsJsonAsync($"/api/home-care/{trapezius}/days/{today}", new { done = true })).StatusCode);

        var seen = await therapist.GetFromJsonAsync<JsonElement>($"/api/clients/{clientId}/home-care");
        Assert.Equal(2, seen.GetProperty("adherence").GetProperty("daysDue").GetInt32());
        Assert.Equal(1, seen.GetProperty("adherence").GetProperty("daysDone").GetInt32());
        Assert.Equal(50, seen.GetProperty("adherence").GetProperty("percent").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/clients/{clientId}/home-care")).StatusCode);
        var audited = await app.Scoped(s => s.GetRequiredService<PinpointDb>().AuditEntries.CountAsync(a => a.SubjectUserId == clientId && a.Resource == "home-care"));
        Assert.Equal(2, audited);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_therapist_prescribes_on_the_note_page_and_the_client_ticks_it_on_theirs(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, id) = await VisitAsync(app);
        using var _c = client;
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var url = $"/therapist/visits/{id}/note";
        Assert.Contains("no-home-care", await client.GetStringAsync("/home-care"), StringComparison.Ordinal);

        using var prescribed = await therapist.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Prescription.ExerciseId"] = "posture:chin-tucks", ["Prescription.HoldSeconds"] = "5", ["Prescription.Repetitions"] = "10",
            ["Prescription.TimesPerDay"] = "3", ["Prescription.Days"] = "7",
        }, $"{url}?handler=Prescribe");
        Assert.Equal(HttpStatusCode.Redirect, prescribed.StatusCode);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/home-care"));
        Assert.Contains("Chin tucks", page, StringComparison.Ordinal);
        Assert.Contains("Hold 5 s × 10, 3 times a day, for 7 days", page, StringComparison.Ordinal);
        var prescription = System.Text.RegularExpressions.Regex.Match(page, "name=\"prescription\" value=\"(\\d+)\"").Groups[1].Value;
        using var ticked = await client.SubmitAsync("/home-care", new Dictionary<string, string> { ["prescription"] = prescription, ["done"] = Today(app) });
        Assert.Equal(HttpStatusCode.Redirect, ticked.StatusCode);
        Assert.Contains("1 of 1 days done (100 %)", WebUtility.HtmlDecode(await client.GetStringAsync("/home-care")), StringComparison.Ordinal);
        Assert.Contains("1 of 1 exercise-days done (100 %)", WebUtility.HtmlDecode(await therapist.GetStringAsync(url)), StringComparison.Ordinal);

        using var unticked = await client.SubmitAsync("/home-care", new Dictionary<string, string> { ["prescription"] = prescription });
        Assert.Contains("0 of 1 days done (0 %)", WebUtility.HtmlDecode(await client.GetStringAsync("/home-care")), StringComparison.Ordinal);
    }
}
