using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Clinical;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Features.Plans;
using Pinpoint.Web.Features.Reviews;
using Pinpoint.Web.Tests.Features;
using Pinpoint.Web.Tests.Infrastructure;
using static Pinpoint.Web.Tests.Concurrency.Races;

namespace Pinpoint.Web.Tests.Concurrency;

/// <summary>
/// Every other write sent ten times at once, on both databases: the duplicates get the stored result or a 409,
/// never a 500, and exactly one row is written.
/// </summary>
public sealed class WriteRaceTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Ten_retries_of_a_plan_with_one_key_book_one_plan(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var body = new
        {
            therapistId, modality = "myofascial", durationMinutes = 60, firstStart = At(11, 25, 10), sessions = 3, cadenceDays = 7,
            latitude = Latitude, longitude = Longitude, address = "1 Lygon St, Carlton", goals = new[] { "pain-relief" },
        };

        var answers = await AllAtOnceAsync(Racers, _ => SendAsync(client, HttpMethod.Post, "/api/plans", body, "plan-key"));

        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.InRange(answers.Count(HttpStatusCode.OK), 1, Racers);
        var ids = answers.Select(a => a.Status == HttpStatusCode.OK ? a.Body.GetProperty("id").GetGuid() : a.Body.GetProperty("plan").GetProperty("id").GetGuid());
        var id = Assert.Single(ids.Distinct());
        var plans = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<TreatmentPlan>().CountAsync(p => p.ClientUserId == clientId));
        Assert.Equal(1, plans);
        using var replay = await SendAsync(client, HttpMethod.Post, "/api/plans", body, "plan-key");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var replayed = await replay.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, replayed.GetProperty("id").GetGuid());
        Assert.Equal(3, replayed.GetProperty("booked").GetArrayLength());
        Assert.Equal(3, await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.CountAsync(b => b.ClientUserId == clientId)));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task One_plan_key_sent_at_once_with_different_bodies_makes_one_plan_and_refuses_the_rest_with_422(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var therapistId = await app.TherapistIdAsync("therapist06@pinpoint.test");
        var first = (await FreeStartAsync(client, therapistId, "2026-11-26", afterHour: 10))!;
        var second = (await FreeStartAsync(client, therapistId, "2026-12-03", afterHour: 10))!;
        object Body(int racer) => new
        {
            therapistId, modality = "myofascial", durationMinutes = 60, firstStart = first, sessions = 2, cadenceDays = 7, starts = new[] { first, second },
            latitude = Latitude, longitude = Longitude, address = "1 Lygon St, Carlton", goalNote = $"Goal of racer {racer}",
        };

        var answers = await AllAtOnceAsync(Racers, i => SendAsync(client, HttpMethod.Post, "/api/plans", Body(i), "shared-plan-key"));

        var winner = Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.Equal(Racers - 1, answers.Count(HttpStatusCode.UnprocessableEntity));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.UnprocessableEntity), a => Assert.True(a.Body.GetProperty("errors").TryGetProperty("Idempotency-Key", out _)));
        var plan = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<TreatmentPlan>().SingleAsync(p => p.ClientUserId == clientId));
        Assert.Equal(winner.Body.GetProperty("id").GetGuid(), plan.Id);
        var racer = int.Parse(plan.GoalNote!.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
        using var replay = await SendAsync(client, HttpMethod.Post, "/api/plans", Body(racer), "shared-plan-key");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(plan.Id, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(2, await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.CountAsync(b => b.ClientUserId == clientId && b.Status != Pinpoint.Web.Features.Booking.BookingStatus.Cancelled)));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_first_note_saved_ten_times_is_one_note_and_signed_ten_times_is_signed_once(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var id = await PastVisitAsync(app, await DemoClientIdAsync(app), hoursAgo: 2);
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var note = new
        {
            subjective = "Left temple headache most afternoons.", painBefore = 6, observations = "Head forward posture.",
            findings = new[]
            {
                new
                {
                    muscleId = "upper-trapezius", side = "left", regionId = "upper-trapezius-ridge-left", activity = "active", tenderness = 7, referralReproduced = true,
                    localTwitch = false, techniques = new[] { "ischemic-compression" }, pressureTolerated = "gentle", note = "Guarded at first.",
                },
            },
            assessment = "Active upper trapezius point.", plan = "Weekly for four weeks.", painAfter = 3, clientSummary = "The knot at the top of your left shoulder.",
        };

        var saves = await AllAtOnceAsync(Racers, _ => SendAsync(therapist, HttpMethod.Put, $"/api/bookings/{id}/note", note));
        var signs = await AllAtOnceAsync(Racers, _ => SendAsync(therapist, HttpMethod.Post, $"/api/bookings/{id}/note/sign", null));

        Assert.Equal(Racers, saves.Count(HttpStatusCode.OK));
        Assert.Equal(1, signs.Count(HttpStatusCode.OK));
        Assert.Equal(Racers - 1, signs.Count(HttpStatusCode.Conflict));
        Assert.All(signs.Where(a => a.Status == HttpStatusCode.Conflict), a => Assert.True(a.Body.GetProperty("note").GetProperty("locked").GetBoolean()));
        Assert.Equal(1, await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<SessionNoteRecord>().CountAsync(n => n.BookingId == id)));
        Assert.Equal(1, await EventsAsync(app, nameof(Pinpoint.Web.Kernel.Events.NoteSigned), id));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_home_care_day_ticked_ten_times_is_one_tick(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var id = await PastVisitAsync(app, clientId, hoursAgo: 4);
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var items = new[] { new { exerciseId = "release:upper-trapezius", holdSeconds = 30, repetitions = 3, timesPerDay = 2, days = 14, note = (string?)null } };
        Assert.Equal(HttpStatusCode.OK, (await therapist.PostAsJsonAsync($"/api/bookings/{id}/home-care", new { items })).StatusCode);
        var prescription = (await client.GetFromJsonAsync<JsonElement>("/api/home-care")).GetProperty("prescriptions")[0].GetProperty("id").GetInt64();
        var today = app.Clock.GetCurrentInstant().InZone(Zones.Areas.Find("melbourne")!.Zone).Date.ToString("yyyy-MM-dd", null);

        var answers = await AllAtOnceAsync(Racers, _ => SendAsync(client, HttpMethod.Put, $"/api/home-care/{prescription}/days/{today}", new { done = true }));

        Assert.Equal(Racers, answers.Count(HttpStatusCode.NoContent));
        Assert.Equal(1, await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<HomeCareTick>().CountAsync(t => t.PrescriptionId == prescription)));
        var unticks = await AllAtOnceAsync(Racers, _ => SendAsync(client, HttpMethod.Put, $"/api/home-care/{prescription}/days/{today}", new { done = false }));
        Assert.Equal(Racers, unticks.Count(HttpStatusCode.NoContent));
        Assert.Equal(0, await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<HomeCareTick>().CountAsync(t => t.PrescriptionId == prescription)));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_review_sent_ten_times_is_one_review(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var id = await PastVisitAsync(app, clientId, hoursAgo: 6);

        var answers = await AllAtOnceAsync(Racers, _ => SendAsync(client, HttpMethod.Post, $"/api/bookings/{id}/review", new { rating = 5, comment = "Lovely." }));

        Assert.Equal(1, answers.Count(HttpStatusCode.Created));
        Assert.Equal(Racers - 1, answers.Count(HttpStatusCode.Conflict));
        Assert.Equal(1, await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Review>().CountAsync(r => r.BookingId == id)));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_intake_submitted_ten_times_at_once_is_one_version(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        (await client.PutAsJsonAsync("/api/intake/draft", IntakeApiTests.CompleteIntake())).EnsureSuccessStatusCode();
        var consents = new { consents = new Dictionary<string, string> { ["treatment"] = ConsentTexts.Treatment.Version, ["privacy"] = ConsentTexts.Privacy.Version } };

        var answers = await AllAtOnceAsync(Racers, _ => SendAsync(client, HttpMethod.Post, "/api/intake/submit", consents));

        Assert.Equal(Racers, answers.Count(HttpStatusCode.Created));
        Assert.All(answers, a => Assert.Equal(1, a.Body.GetProperty("version").GetInt32()));
        Assert.Equal(1, await app.Scoped(s => s.GetRequiredService<PinpointDb>().IntakeVersions.CountAsync(v => v.ClientUserId == clientId)));

        // A different submission is a new version.
        (await client.PutAsJsonAsync("/api/intake/draft", IntakeApiTests.CompleteIntake("anticoagulants"))).EnsureSuccessStatusCode();
        using var changed = await client.PostAsJsonAsync("/api/intake/submit", new { });
        Assert.Equal(2, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
    }
}
