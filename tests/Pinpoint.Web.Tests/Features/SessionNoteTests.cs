using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Seeding;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Clinical;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>SOAP notes: draft → signed → addendum, the 24-hour lock, body-chart validation, who may do what, the audit trail.</summary>
public sealed class SessionNoteTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static object Point(string muscle = "upper-trapezius", string region = "upper-trapezius-ridge-left", int tenderness = 7) => new
    {
        muscleId = muscle, side = "left", regionId = region, activity = "active", tenderness, referralReproduced = true, localTwitch = false,
        techniques = new[] { "ischemic-compression", "pin-and-stretch" }, pressureTolerated = "gentle", note = "Guarded at first.",
    };

    private static object Complete(params object[] points) => new
    {
        subjective = "Left temple headache most afternoons.", painBefore = 6, findings = points, observations = "Head forward posture.",
        assessment = "Active upper trapezius point reproducing the temple headache.", plan = "Weekly for four weeks.", painAfter = 3,
        clientSummary = "The knot at the top of your left shoulder was sending pain to your temple.",
    };

    /// <summary>
    /// A visit of the demo client with therapist01 that ended <paramref name="endedAgo"/> before the app's clock. Each test
    /// of the class uses its own hour, at least two apart: PostgreSQL's exclusion constraint refuses overlapping visits.
    /// </summary>
    private static async Task<Guid> PastVisitAsync(PinpointApp app, Duration endedAgo)
    {
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        return await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var clientId = await db.Users.Where(u => u.Email == DemoDataSeeder.ClientEmail).Select(u => u.Id).SingleAsync();
            var end = app.Clock.GetCurrentInstant() - endedAgo;
            var booking = new Booking
            {
                Id = Guid.NewGuid(), ClientUserId = clientId, TherapistId = therapistId, Start = end - Duration.FromHours(1), End = end,
                OccupiedStart = end - Duration.FromMinutes(70), OccupiedEnd = end + Duration.FromMinutes(10), Status = BookingStatus.Completed,
            };
            db.Bookings.Add(booking);
            await db.SaveChangesAsync();
            return booking.Id;
        });
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_note_for_a_visit_that_has_not_started_can_be_drafted_but_not_signed(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        // Starts three days and five hours from now: a negative "ended ago" puts the visit in the future.
        var id = await PastVisitAsync(app, -Duration.FromHours((3 * 24) + 6));
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            await db.Bookings.Where(b => b.Id == id).ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.Confirmed));
        });
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        using var client = await app.ClientForAsync(Principal.Client);

        (await therapist.PutAsJsonAsync($"/api/bookings/{id}/note", Complete(Point()))).EnsureSuccessStatusCode();
        using var sign = await therapist.PostAsync($"/api/bookings/{id}/note/sign", null);

        Assert.Equal(HttpStatusCode.Conflict, sign.StatusCode);
        Assert.Contains("once the visit has started", (await sign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/bookings/{id}/summary")).StatusCode);
        var note = await (await therapist.GetAsync($"/api/bookings/{id}/note")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(note.GetProperty("locked").GetBoolean());
        var page = await therapist.GetStringAsync($"/therapist/visits/{id}/note");
        Assert.Contains("data-testid=\"sign-later\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign and lock", page, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_note_is_drafted_signed_locked_and_corrected_by_addendum(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var id = await PastVisitAsync(app, Duration.FromHours(8));
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        using var client = await app.ClientForAsync(Principal.Client);

        using var draft = await therapist.PutAsJsonAsync($"/api/bookings/{id}/note", new { subjective = "Headache.", findings = new[] { Point() } });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.False((await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("locked").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/bookings/{id}/summary")).StatusCode);

        using var early = await therapist.PostAsync($"/api/bookings/{id}/note/sign", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        var missing = (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(missing.TryGetProperty("painAfter", out _) && missing.TryGetProperty("assessment", out _));

        (await therapist.PutAsJsonAsync($"/api/bookings/{id}/note", Complete(Point(), Point("levator-scapulae", "side-of-neck-left", 5)))).EnsureSuccessStatusCode();
        using var signed = await therapist.PostAsync($"/api/bookings/{id}/note/sign", null);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var note = await signed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(note.GetProperty("locked").GetBoolean());
        Assert.False(note.GetProperty("autoSigned").GetBoolean());
        Assert.Equal(2, note.GetProperty("content").GetProperty("findings").GetArrayLength());

        using var edit = await therapist.PutAsJsonAsync($"/api/bookings/{id}/note", Complete(Point()));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        using var addendum = await therapist.PostAsJsonAsync($"/api/bookings/{id}/note/addenda", new { text = "Correction: pain after was 4, not 3." });
        Assert.Equal(HttpStatusCode.OK, addendum.StatusCode);
        var added = (await addendum.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("addenda")[0];
        Assert.Equal("Maya Robinson", added.GetProperty("author").GetString());
        Assert.Equal("Correction: pain after was 4, not 3.", added.GetProperty("text").GetString());
        Assert.Equal(2, (await therapist.GetFromJsonAsync<JsonElement>($"/api/bookings/{id}/note")).GetProperty("content").GetProperty("findings").GetArrayLength());

        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/bookings/{id}/summary");
        Assert.Equal(2, summary.GetProperty("points").GetArrayLength());
        Assert.Contains("from 6 to 3", summary.GetProperty("headline").GetString(), StringComparison.Ordinal);
        var text = summary.ToString();
        Assert.DoesNotContain("Weekly for four weeks", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Guarded", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Head forward", text, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_unsigned_note_locks_itself_24_hours_after_the_session(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var id = await PastVisitAsync(app, Duration.FromHours(23));
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        (await therapist.PutAsJsonAsync($"/api/bookings/{id}/note", Complete(Point()))).EnsureSuccessStatusCode();
        var before = await therapist.GetFromJsonAsync<JsonElement>($"/api/bookings/{id}/note");
        Assert.False(before.GetProperty("locked").GetBoolean());

        var now = app.Clock.GetCurrentInstant();
        app.Clock.Advance(Duration.FromHours(1));
        try
        {
            var after = await therapist.GetFromJsonAsync<JsonElement>($"/api/bookings/{id}/note");
            Assert.True(after.GetProperty("locked").GetBoolean());
            Assert.True(after.GetProperty("autoSigned").GetBoolean());
            Assert.Equal(HttpStatusCode.Conflict, (await therapist.PutAsJsonAsync($"/api/bookings/{id}/note", Complete(Point()))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await therapist.PostAsJsonAsync($"/api/bookings/{id}/note/addenda", new { text = "Seen again by phone." })).StatusCode);
        }
        finally
        {
            app.Clock.Reset(now);
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_unknown_muscle_or_region_is_refused_and_the_stored_draft_kept(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var id = await PastVisitAsync(app, Duration.FromHours(2));
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        (await therapist.PutAsJsonAsync($"/api/bookings/{id}/note", Complete(Point()))).EnsureSuccessStatusCode();

        using var muscle = await therapist.PutAsJsonAsync($"/api/bookings/{id}/note", Complete(Point(), Point("gluteus-giganticus")));
        using var region = await therapist.PutAsJsonAsync($"/api/bookings/{id}/note", Complete(Point(region: "elbow-of-doom")));
        using var score = await therapist.PutAsJsonAsync($"/api/bookings/{id}/note", Complete(Point(tenderness: 12)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, muscle.StatusCode);
        Assert.True((await muscle.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("findings[1].muscleId", out _));
        Assert.True((await region.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("findings[0].regionId", out _));
        Assert.True((await score.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("findings[0].tenderness", out _));
        var kept = await therapist.GetFromJsonAsync<JsonElement>($"/api/bookings/{id}/note");
        Assert.Equal(1, kept.GetProperty("content").GetProperty("findings").GetArrayLength());
        Assert.Equal("upper-trapezius", kept.GetProperty("content").GetProperty("findings")[0].GetProperty("muscleId").GetString());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Every_note_endpoint_admits_exactly_the_right_people_and_others_reads_are_audited(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var id = await PastVisitAsync(app, Duration.FromHours(5));
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        (await therapist.PutAsJsonAsync($"/api/bookings/{id}/note", Complete(Point()))).EnsureSuccessStatusCode();
        var (stranger, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _s = stranger;

        // anonymous, the visit's client, another client, another therapist, the therapist, an admin
        (string Method, string Path, object? Body, string[] Expected)[] rows =
        [
            ("GET", "note", null, ["401", "403", "403", "403", "200", "200"]),
            ("PUT", "note", Complete(Point()), ["401", "403", "403", "403", "200", "403"]),
            ("POST", "note/sign", null, ["401", "403", "403", "403", "200", "403"]),
            ("POST", "note/addenda", new { text = "Checked the chart again." }, ["401", "403", "403", "403", "200", "200"]),
            ("GET", "summary", null, ["401", "200", "403", "403", "200", "200"]),
        ];
        var callers = new List<HttpClient>
        {
            app.NewBrowserLikeClient(), await app.ClientForAsync(Principal.Client), stranger,
            await app.ClientForAsync(Principal.OtherTherapist), therapist, await app.ClientForAsync(Principal.Admin),
        };
        foreach (var (method, path, body, expected) in rows)
        {
            var got = new List<string>();
            foreach (var caller in callers)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/bookings/{id}/{path}") { Content = body is null ? null : JsonContent.Create(body) };
                using var response = await caller.SendAsync(request);
                got.Add(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            Assert.True(expected.SequenceEqual(got), $"{method} {path}: expected {string.Join(",", expected)}, got {string.Join(",", got)}");
        }

        var audit = await app.Scoped(s => s.GetRequiredService<PinpointDb>().AuditEntries.AsNoTracking().Where(a => a.Resource == $"note:{id}").ToListAsync());
        var clientId = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Users.Where(u => u.Email == DemoDataSeeder.ClientEmail).Select(u => u.Id).SingleAsync());
        var adminId = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Users.Where(u => u.Email == DemoDataSeeder.AdminEmail).Select(u => u.Id).SingleAsync());
        Assert.DoesNotContain(audit, a => a.ActorUserId == clientId);
        Assert.Contains(audit, a => a.ActorUserId == adminId && a.Action == SessionNotes.ReadAction);
        Assert.Contains(audit, a => a.Action == SessionNotes.DeniedAction);
        Assert.Contains(audit, a => a.Action == SessionNotes.WriteAction);
        Assert.All(audit, a => Assert.Equal(clientId, a.SubjectUserId));
        foreach (var caller in callers.Where(c => c != therapist && c != stranger))
        {
            caller.Dispose();
        }
    }
}
