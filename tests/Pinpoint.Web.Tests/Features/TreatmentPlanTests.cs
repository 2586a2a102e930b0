using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Treatment plans: a weekly series checked date by date, booked all or nothing, followed to a re-assessment.</summary>
public sealed class TreatmentPlanTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];

    private static string At(int month, int day, int hour, int minute = 0) =>
        OffsetDateTimePattern.Rfc3339.Format(Melbourne.AtStrictly(new LocalDateTime(2026, month, day, hour, minute)).ToOffsetDateTime());

    private static object Plan(Guid therapistId, string[]? starts = null) => new
    {
        therapistId, modality = "myofascial", durationMinutes = 60, firstStart = At(11, 25, 10), sessions = 4, cadenceDays = 7,
        latitude = -37.8001, longitude = 144.9671, address = "1 Lygon St, Carlton", goals = new[] { "pain-relief", "sleep" }, starts,
    };

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/plans") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    /// <summary>Someone else takes therapist01 at 10:00 on 9 December, the plan's third week.</summary>
    private static async Task<Guid> TakeThirdWeekAsync(PinpointApp app, Guid therapistId)
    {
        var (other, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _o = other;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new { therapistId, modality = "myofascial", durationMinutes = 60, start = At(12, 9, 10), latitude = -37.8001, longitude = 144.9671, address = "Carlton" }),
        };
        request.Headers.Add("Idempotency-Key", "week-3");
        using var response = await other.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_weekly_series_with_a_taken_date_is_offered_alternatives_and_books_all_or_nothing(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        await TakeThirdWeekAsync(app, therapistId);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;

        var preview = (await (await client.PostAsJsonAsync("/api/plans/preview", Plan(therapistId))).Content.ReadFromJsonAsync<JsonElement[]>())!;
        Assert.Equal([true, true, false, true], preview!.Select(p => p.GetProperty("free").GetBoolean()));
        var alternative = preview[2].GetProperty("alternatives")[0].GetString()!;
        Assert.StartsWith("2026-12-09T", alternative, StringComparison.Ordinal);

        using var refused = await CreateAsync(client, Plan(therapistId), "course-1");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Session 3", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var left = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.CountAsync(b => b.ClientUserId == clientId && b.Status != BookingStatus.Cancelled));
        Assert.Equal(0, left);
        await app.DrainEventsAsync();
        // A confirmation written by a handler that raced the undo describes a SEQUENCE the booking has left, and the
        // outbox never sends those: what could still be sent must be nothing.
        var announced = await app.Scoped(s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            return db.Set<Pinpoint.Web.Features.Notifications.Notification>()
                .CountAsync(n => db.Bookings.Any(b => b.Id == n.BookingId && b.ClientUserId == clientId && b.Sequence == n.Sequence));
        });
        Assert.Equal(0, announced);

        string[] chosen = [.. preview.Select(p => p.GetProperty("free").GetBoolean() ? p.GetProperty("wanted").GetString()! : p.GetProperty("alternatives")[0].GetString()!)];
        using var booked = await CreateAsync(client, Plan(therapistId, chosen), "course-2");
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        var plan = await booked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, plan.GetProperty("booked").GetArrayLength());
        Assert.Equal([1, 2, 3, 4], plan.GetProperty("booked").EnumerateArray().Select(b => b.GetProperty("number").GetInt32()));
        Assert.Equal(alternative, plan.GetProperty("booked")[2].GetProperty("start").GetString());
        Assert.Equal(At(11, 25, 10), plan.GetProperty("nextSession").GetString());
        Assert.Equal(["pain-relief", "sleep"], plan.GetProperty("goals").EnumerateArray().Select(g => g.GetString()));

        using var replay = await CreateAsync(client, Plan(therapistId, chosen), "course-2");
        Assert.Equal(plan.GetProperty("id").GetGuid(), (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        var linked = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.CountAsync(b => b.PlanId == plan.GetProperty("id").GetGuid()));
        Assert.Equal(4, linked);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_key_sent_again_with_another_body_is_422_naming_the_header_and_the_same_request_replays(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync("therapist03@pinpoint.test");
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var first = (await Concurrency.Races.FreeStartAsync(client, therapistId, "2026-11-26", afterHour: 10))!;
        var second = (await Concurrency.Races.FreeStartAsync(client, therapistId, "2026-12-03", afterHour: 10))!;
        object Body(string note, string start) => new
        {
            therapistId, modality = "myofascial", durationMinutes = 60, firstStart = start, sessions = 2, cadenceDays = 7,
            latitude = -37.8001, longitude = 144.9671, address = "1 Lygon St, Carlton", goalNote = note, starts = new[] { start, second },
        };
        using var created = await CreateAsync(client, Body("Turn my head when driving.", first), "reused-key");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var other = await CreateAsync(client, Body("Sleep through the night.", first), "reused-key");
        // The same moments written in UTC instead of Melbourne's offset are the same request.
        var utc = OffsetDateTimePattern.Rfc3339.Format(OffsetDateTimePattern.Rfc3339.Parse(first).Value.ToInstant().WithOffset(Offset.Zero));
        using var sameInUtc = await CreateAsync(client, Body("Turn my head when driving.", utc), "reused-key");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Idempotency-Key", problem.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sameInUtc.StatusCode);
        Assert.Equal(id, (await sameInUtc.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        var stored = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Pinpoint.Web.Features.Plans.TreatmentPlan>().Where(p => p.ClientUserId == clientId).ToListAsync());
        Assert.Equal(64, Assert.Single(stored).RequestHash?.Length);
        Assert.Equal(2, await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.CountAsync(b => b.ClientUserId == clientId)));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Progress_is_shared_and_the_therapist_reassesses_after_the_last_session(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.OtherTherapistEmail);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var slots = await client.GetFromJsonAsync<JsonElement[]>($"/api/availability?latitude=-37.8001&longitude=144.9671&modality=sports&date=2026-11-26&days=3&therapistId={therapistId}");
        var first = slots![0].GetProperty("start").GetString()!;
        var body = new
        {
            therapistId, modality = "sports", durationMinutes = 60, firstStart = first, sessions = 2, cadenceDays = 14,
            latitude = -37.8001, longitude = 144.9671, address = "Carlton", goalNote = "Sleep through without neck pain.",
        };
        using var created = await CreateAsync(client, body, "plan");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var therapist = await app.ClientForAsync(Principal.OtherTherapist);
        using var otherTherapist = await app.ClientForAsync(Principal.Therapist);
        using var stranger = await app.ClientForAsync(Principal.Client);
        using var admin = await app.ClientForAsync(Principal.Admin);

        Assert.Equal(HttpStatusCode.OK, (await therapist.GetAsync($"/api/plans/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/plans/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherTherapist.GetAsync($"/api/plans/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/plans/{id}")).StatusCode);
        Assert.Contains((await therapist.GetFromJsonAsync<JsonElement[]>("/api/plans"))!, p => p.GetProperty("id").GetGuid() == id);
        var audit = await app.Scoped(s => s.GetRequiredService<PinpointDb>().AuditEntries.Where(a => a.Resource == $"plan:{id}").Select(a => a.Action).ToListAsync());
        Assert.Equal(2, audit.Count(a => a == "read-plan"));
        Assert.Equal(2, audit.Count(a => a == "plan-denied"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await therapist.PostAsJsonAsync($"/api/plans/{id}/reassessment", new { text = "Too early." })).StatusCode);

        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            foreach (var b in await db.Bookings.Where(b => b.PlanId == id).ToListAsync())
            {
                b.Status = BookingStatus.Completed;
            }

            await db.SaveChangesAsync();
        });
        var due = await client.GetFromJsonAsync<JsonElement>($"/api/plans/{id}");
        Assert.True(due.GetProperty("reassessmentDue").GetBoolean());
        Assert.Equal(2, due.GetProperty("completed").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/plans/{id}/reassessment", new { text = "I feel better." })).StatusCode);
        using var done = await therapist.PostAsJsonAsync($"/api/plans/{id}/reassessment", new { text = "Neck pain 6 → 2; sleeping through. Monthly maintenance." });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var closed = await done.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", closed.GetProperty("status").GetString());
        Assert.False(closed.GetProperty("reassessmentDue").GetBoolean());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_plan_request_with_bad_fields_names_them(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;

        using var response = await client.PostAsJsonAsync("/api/plans/preview", new { modality = "reiki", sessions = 40, cadenceDays = 1, goals = new[] { "flying" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "modality", "therapistId", "durationMinutes", "firstStart", "sessions", "cadenceDays", "latitude", "goals" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }
}

/// <summary>The course pages: from a chosen time to a booked plan, and its progress page.</summary>
public sealed class TreatmentPlanPagesTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static string NewPlanModelShow(string rfc3339) => Pinpoint.Web.Features.Plans.NewPlanModel.Show(rfc3339);

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_client_books_a_course_on_the_page_picking_an_alternative_and_follows_its_progress(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
        string At(int month, int day) => OffsetDateTimePattern.Rfc3339.Format(melbourne.AtStrictly(new LocalDateTime(2026, month, day, 10, 0)).ToOffsetDateTime());
        var (other, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using (other)
        {
            using var take = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
            {
                Content = JsonContent.Create(new { therapistId, modality = "myofascial", durationMinutes = 60, start = At(12, 2), latitude = -37.8001, longitude = 144.9671, address = "Carlton" }),
            };
            take.Headers.Add("Idempotency-Key", "taken");
            Assert.Equal(HttpStatusCode.Created, (await other.SendAsync(take)).StatusCode);
        }

        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var url = $"/plans/new?therapist={therapistId}&modality=myofascial&minutes=60&start={Uri.EscapeDataString(At(11, 25))}&latitude=-37.8001&longitude=144.9671&address=Carlton&sessions=3&cadence=7";
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(url));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(page, "data-testid=\"series-item\"").Count);
        Assert.Contains("Wed 2 Dec, 10:00 AM is taken: choose instead", page, StringComparison.Ordinal);
        var alternative = System.Text.RegularExpressions.Regex.Match(page, "name=\"Chosen\\[1\\]\" value=\"([^\"]+)\" checked").Groups[1].Value;
        Assert.StartsWith("2026-12-02T", alternative, StringComparison.Ordinal);

        using var booked = await client.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Chosen[0]"] = At(11, 25), ["Chosen[1]"] = alternative, ["Chosen[2]"] = At(12, 9),
            ["IdempotencyKey"] = System.Text.RegularExpressions.Regex.Match(page, "name=\"IdempotencyKey\" value=\"([^\"]+)\"").Groups[1].Value,
        });
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var planUrl = booked.Headers.Location!.OriginalString;
        Assert.StartsWith("/plans/", planUrl, StringComparison.Ordinal);
        var plan = WebUtility.HtmlDecode(await client.GetStringAsync(planUrl));
        Assert.Contains("0 of 3 sessions done; next Wed 25 Nov, 10:00 AM.", plan, StringComparison.Ordinal);
        Assert.Contains($"{NewPlanModelShow(alternative)} · <span class=\"badge\">confirmed</span>", plan, StringComparison.Ordinal);
        Assert.Contains(planUrl, await client.GetStringAsync("/bookings"), StringComparison.Ordinal);
    }
}
