using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Core.Clinical;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Clinical;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Outcome questionnaires: what is due when, scoring with its errors, change against the MCID, progress.</summary>
public sealed class OutcomeTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static Dictionary<string, int?> Neck(params int?[] values) =>
        new[] { "neck-pain", "neck-care", "neck-lifting", "neck-reading", "neck-headaches", "neck-concentration", "neck-work", "neck-driving", "neck-sleeping", "neck-leisure" }
            .Zip(values).Where(p => p.Second is not null).ToDictionary(p => p.First, p => p.Second);

    private static async Task<(HttpClient Client, string ClientId)> ClientWithNeckPainAsync(PinpointApp app)
    {
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        var consents = new { consents = new Dictionary<string, string> { ["treatment"] = ConsentTexts.Treatment.Version, ["privacy"] = ConsentTexts.Privacy.Version } };
        (await client.PutAsJsonAsync("/api/intake/draft", IntakeApiTests.CompleteIntake())).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/intake/submit", consents)).EnsureSuccessStatusCode();
        return (client, clientId);
    }

    /// <summary>Completed sessions with therapist01, each with a signed note holding pain before and after.</summary>
    private static Task CompletedSessionsAsync(PinpointApp app, string clientId, params (int Before, int After)[] pains) =>
        app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var therapistId = await db.Therapists.OrderBy(t => t.DisplayName).Where(t => t.DisplayName == "Maya Robinson").Select(t => t.Id).SingleAsync();
            var existing = await db.Bookings.CountAsync();
            for (var i = 0; i < pains.Length; i++)
            {
                var end = app.Clock.GetCurrentInstant() - Duration.FromDays(40 - (7 * i)) - Duration.FromMinutes(existing * 97);
                var booking = new Booking
                {
                    Id = Guid.NewGuid(), ClientUserId = clientId, TherapistId = therapistId, Start = end - Duration.FromHours(1), End = end,
                    OccupiedStart = end - Duration.FromMinutes(70), OccupiedEnd = end + Duration.FromMinutes(10), Status = BookingStatus.Completed,
                };
                db.Bookings.Add(booking);
                db.Add(new SessionNoteRecord
                {
                    Id = Guid.NewGuid(), BookingId = booking.Id, TherapistId = therapistId, ClientUserId = clientId, UpdatedBy = clientId, CreatedAt = end, UpdatedAt = end, SignedAt = end,
                    ContentJson = IntakeJson.Write(new SoapNote { PainBefore = pains[i].Before, PainAfter = pains[i].After }),
                });
            }

            await db.SaveChangesAsync();
        });

    private static async Task<string[]> DueAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement[]>("/api/outcomes/due"))!.Select(i => i.GetProperty("id").GetString()!)];

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_instruments_are_public_with_their_mcid_and_sources(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var anonymous = app.NewBrowserLikeClient();

        var instruments = await anonymous.GetFromJsonAsync<JsonElement[]>("/api/outcomes/instruments");

        var ndi = instruments!.Single(i => i.GetProperty("id").GetString() == "ndi");
        Assert.Equal(7.5, ndi.GetProperty("mcid").GetDouble());
        Assert.Equal(10, ndi.GetProperty("items").GetArrayLength());
        Assert.Contains("Vernon", ndi.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, instruments!.Length);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Questionnaires_are_due_at_the_start_and_after_three_sessions_and_change_is_read_against_the_mcid(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId) = await ClientWithNeckPainAsync(app);
        using var _c = client;
        Assert.Equal(["psfs", "ndi", "sqs", "pss10"], await DueAsync(client));

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/outcomes/vibes", new { answers = new { } })).StatusCode);
        using var twoMissing = await client.PostAsJsonAsync("/api/outcomes/ndi", new { answers = Neck(3, 2, 2, 3, 4, 2, 3, 2, null, null) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twoMissing.StatusCode);
        Assert.True((await twoMissing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("answers", out _));
        using var outOfRange = await client.PostAsJsonAsync("/api/outcomes/ndi", new { answers = Neck(3, 2, 2, 3, 4, 2, 3, 2, 1, 9) });
        Assert.True((await outOfRange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("answers.neck-leisure", out _));
        using var unnamed = await client.PostAsJsonAsync("/api/outcomes/psfs", new { answers = new Dictionary<string, int> { ["activity-1"] = 3, ["activity-2"] = 4, ["activity-3"] = 5 } });
        Assert.True((await unnamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("activities.activity-1", out _));

        using var first = await client.PostAsJsonAsync("/api/outcomes/ndi", new { answers = Neck(3, 2, 2, 3, 4, 2, 3, 2, 1, null) });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(24.4, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("score").GetDouble());
        Assert.Equal(["psfs", "sqs", "pss10"], await DueAsync(client));
        (await client.PostAsJsonAsync("/api/outcomes/psfs", new
        {
            answers = new Dictionary<string, int> { ["activity-1"] = 3, ["activity-2"] = 4, ["activity-3"] = 5 },
            activities = new Dictionary<string, string> { ["activity-1"] = "Sitting at my desk for an hour", ["activity-2"] = "Reversing the car", ["activity-3"] = "Reading in bed" },
        })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/outcomes/sqs", new { answers = new { sleep = 4 } })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/outcomes/pss10", new { answers = new Dictionary<string, int>
        {
            ["stress-upset"] = 2, ["stress-control"] = 2, ["stress-nervous"] = 3, ["stress-handled"] = 2, ["stress-going-your-way"] = 1,
            ["stress-cope"] = 3, ["stress-irritations"] = 2, ["stress-on-top"] = 1, ["stress-angered"] = 2, ["stress-piling-up"] = 2,
        } })).EnsureSuccessStatusCode();
        Assert.Empty(await DueAsync(client));

        await CompletedSessionsAsync(app, clientId, (6, 3), (5, 2), (4, 2));
        Assert.Equal(["psfs", "ndi", "sqs", "pss10"], await DueAsync(client));
        using var later = await client.PostAsJsonAsync("/api/outcomes/ndi", new { answers = Neck(1, 1, 1, 1, 2, 1, 1, 1, 1, 0) });
        var change = (await later.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changeSinceFirst");
        Assert.Equal("improved", change.GetProperty("kind").GetString());
        Assert.Equal("Your neck disability score improved by 14.4 points — a change most people notice.", change.GetProperty("reading").GetString());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Progress_shows_pain_per_session_and_each_questionnaire_and_the_care_team_reads_it_audited(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId) = await ClientWithNeckPainAsync(app);
        using var _c = client;
        await CompletedSessionsAsync(app, clientId, (7, 4), (5, 3), (4, 1));
        (await client.PostAsJsonAsync("/api/outcomes/sqs", new { answers = new { sleep = 3 } })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/outcomes/sqs", new { answers = new { sleep = 6 } })).EnsureSuccessStatusCode();

        var progress = await client.GetFromJsonAsync<JsonElement>("/api/outcomes");

        Assert.Equal([7, 5, 4], progress.GetProperty("pain").EnumerateArray().Select(p => p.GetProperty("before").GetInt32()));
        Assert.Equal([4, 3, 1], progress.GetProperty("pain").EnumerateArray().Select(p => p.GetProperty("after").GetInt32()));
        Assert.Equal("improved", progress.GetProperty("painChange").GetProperty("kind").GetString());
        var sleep = progress.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("instrument").GetProperty("id").GetString() == "sqs");
        Assert.Equal([3.0, 6.0], sleep.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("score").GetDouble()));
        Assert.Equal("Your sleep score improved by 3 points — a change most people notice.", sleep.GetProperty("change").GetProperty("reading").GetString());

        using var therapist = await app.ClientForAsync(Principal.Therapist);
        using var other = await app.ClientForAsync(Principal.OtherTherapist);
        Assert.Equal(HttpStatusCode.OK, (await therapist.GetAsync($"/api/clients/{clientId}/outcomes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/clients/{clientId}/outcomes")).StatusCode);
        var audit = await app.Scoped(s => s.GetRequiredService<PinpointDb>().AuditEntries.Where(a => a.SubjectUserId == clientId && a.Resource == "outcomes").Select(a => a.Action).ToListAsync());
        Assert.Equal(2, audit.Count);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Completing_a_session_when_questionnaires_are_due_emails_the_client_a_link(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId) = await ClientWithNeckPainAsync(app);
        using var _c = client;
        var bookingId = Guid.NewGuid();
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var therapistId = await db.Therapists.Where(t => t.DisplayName == "Maya Robinson").Select(t => t.Id).SingleAsync();
            var end = app.Clock.GetCurrentInstant() - Duration.FromHours(1) - Duration.FromMinutes(await db.Bookings.CountAsync() * 97);
            db.Bookings.Add(new Booking
            {
                Id = bookingId, ClientUserId = clientId, TherapistId = therapistId, Start = end - Duration.FromHours(1), End = end,
                OccupiedStart = end - Duration.FromMinutes(70), OccupiedEnd = end + Duration.FromMinutes(10),
            });
            await db.SaveChangesAsync();
        });
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        Assert.Equal(HttpStatusCode.OK, (await therapist.PostAsync($"/api/bookings/{bookingId}/complete", null)).StatusCode);

        await app.DrainEventsAsync();
        var mail = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Pinpoint.Web.Features.Notifications.Notification>()
            .SingleAsync(n => n.BookingId == bookingId && n.Kind == Pinpoint.Web.Features.Notifications.NotificationKind.OutcomesDue));
        Assert.Contains("Neck Disability Index", mail.Body, StringComparison.Ordinal);
        Assert.Contains("/progress", mail.Body, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task How_often_questionnaires_come_back_is_configurable(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId) = await ClientWithNeckPainAsync(app);
        using var _c = client;
        foreach (var id in new[] { "psfs", "ndi", "sqs", "pss10" })
        {
            await app.Scoped(async s =>
            {
                var db = s.GetRequiredService<PinpointDb>();
                db.Add(new Pinpoint.Web.Features.Outcomes.OutcomeResponse { ClientUserId = clientId, InstrumentId = id, AnswersJson = "{}", Score = 5, TakenAt = app.Clock.GetCurrentInstant(), AfterSessions = 0 });
                await db.SaveChangesAsync();
            });
        }

        await CompletedSessionsAsync(app, clientId, (6, 3), (5, 3));
        using var everySecond = app.WithWebHostBuilder(b => b.UseSetting("Outcomes:EveryNSessions", "2"));
        async Task<int> DueCountAsync(IServiceProvider services)
        {
            await using var scope = services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<Pinpoint.Web.Features.Outcomes.OutcomeService>().DueAsync(clientId, CancellationToken.None)).Count;
        }

        Assert.Equal(0, await DueCountAsync(app.Services));
        Assert.Equal(4, await DueCountAsync(everySecond.Services));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_progress_page_shows_each_chart_with_its_table_and_the_reading(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId) = await ClientWithNeckPainAsync(app);
        using var _c = client;
        await CompletedSessionsAsync(app, clientId, (7, 4), (6, 3), (4, 2));
        (await client.PostAsJsonAsync("/api/outcomes/ndi", new { answers = Neck(3, 2, 2, 3, 4, 2, 3, 2, 1, 2) })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/outcomes/ndi", new { answers = Neck(1, 1, 1, 1, 1, 1, 1, 1, 1, 1) })).EnsureSuccessStatusCode();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/progress"));

        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(page, "<tr><th scope=\"row\">[^<]+</th><td>\\d+</td><td>\\d+</td></tr>").Count);
        Assert.Contains("data-chart-for=\"pain-table\"", page, StringComparison.Ordinal);
        Assert.Contains("Your neck disability score improved by 14 points — a change most people notice.", page, StringComparison.Ordinal);
        Assert.Contains("data-target=\"16.5\"", page, StringComparison.Ordinal);
        Assert.Contains("/lib/chart.js/chart.umd.min", page, StringComparison.Ordinal);

        using var therapist = await app.ClientForAsync(Principal.Therapist);
        Assert.Contains("data-testid=\"pain-table\"", await therapist.GetStringAsync($"/therapist/clients/{clientId}"), StringComparison.Ordinal);
    }
}

/// <summary>Answering a questionnaire on its page.</summary>
public sealed class QuestionnairePageTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_client_answers_on_the_page_sees_problems_named_and_the_score_on_the_progress_page(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/outcomes/horoscope")).StatusCode);

        using var incomplete = await client.SubmitAsync("/outcomes/psfs", new Dictionary<string, string>
        {
            ["Activities[activity-1]"] = "Sitting through a meeting", ["Answers[activity-1]"] = "3", ["Answers[activity-2]"] = "5",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        var problems = WebUtility.HtmlDecode(await incomplete.Content.ReadAsStringAsync());
        Assert.Contains("Name the activity", problems, StringComparison.Ordinal);

        using var saved = await client.SubmitAsync("/outcomes/psfs", new Dictionary<string, string>
        {
            ["Activities[activity-1]"] = "Sitting through a meeting", ["Answers[activity-1]"] = "3",
            ["Activities[activity-2]"] = "Turning my head to reverse", ["Answers[activity-2]"] = "5",
            ["Activities[activity-3]"] = "Carrying shopping", ["Answers[activity-3]"] = "4",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var progress = WebUtility.HtmlDecode(await client.GetStringAsync("/progress"));
        Assert.Contains("Your Activities you find hard (PSFS) score is 4", progress, StringComparison.Ordinal);
        Assert.Contains("Sitting through a meeting; Turning my head to reverse; Carrying shopping", progress, StringComparison.Ordinal);
    }
}
