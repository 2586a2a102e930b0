using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Features.VisitDay;
using Pinpoint.Web.Tests.Concurrency;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Demo data, and a live stream that looks at the database five times a second so its test does not wait long.</summary>
public sealed class VisitDayAppsFixture : AppsFixture
{
    protected override bool SeedDemo => true;

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("VisitDay:StreamPollSeconds", "0.2");
}

/// <summary>
/// The visit day on both databases: the therapist's taps through the stages with who, when and where; repeated,
/// simultaneous and out-of-order taps; the running-late time and the emails; who may tap and who sees the position; the
/// privacy rule (the position is gone on arrival); the live stream. The clock reads Tuesday 24 November 2026, 09:00 in
/// Melbourne; each test books its own demo therapist around now, so no two tests share a therapist's time.
/// </summary>
public sealed class VisitDayTests(VisitDayAppsFixture apps) : IClassFixture<VisitDayAppsFixture>
{
    private static readonly GeoPoint Carlton = new(Races.Latitude, Races.Longitude);
    private static readonly object Fitzroy = new { latitude = -37.7987, longitude = 144.9784, accuracy = 12 };

    private sealed record Visit(Guid Id, HttpClient Client, string ClientId, HttpClient Therapist);

    /// <summary>A confirmed visit of demo therapist <paramref name="number"/> starting <paramref name="fromNow"/> from now, for a new client.</summary>
    private static async Task<Visit> VisitAsync(PinpointApp app, int number, Duration fromNow)
    {
        var email = $"therapist{number:00}@pinpoint.test";
        var therapistId = await app.TherapistIdAsync(email);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        var start = app.Clock.GetCurrentInstant() + fromNow;
        var id = Guid.NewGuid();
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            db.Bookings.Add(new Booking
            {
                Id = id, ClientUserId = clientId, TherapistId = therapistId, Start = start, End = start + Duration.FromHours(1),
                OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70),
                ClientLatitude = Carlton.Latitude, ClientLongitude = Carlton.Longitude, Address = "1 Lygon St, Carlton VIC 3053",
            });
            await db.SaveChangesAsync();
        });
        return new Visit(id, client, clientId, await app.ClientForAsync(email));
    }

    private static Task<HttpResponseMessage> TapAsync(HttpClient who, Guid id, string step, object? body = null) =>
        who.PostAsync($"/api/bookings/{id}/visit/{step}", body is null ? null : JsonContent.Create(body));

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> ProblemAsync(Task<HttpResponseMessage> sending, HttpStatusCode status)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task<T> Db<T>(PinpointApp app, Func<PinpointDb, Task<T>> read) => app.Scoped(s => read(s.GetRequiredService<PinpointDb>()));

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_therapist_taps_through_the_visit_and_each_stage_is_stored_with_who_when_and_where(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 3, Duration.FromMinutes(40));
        var now = app.Clock.GetCurrentInstant();

        var onTheWay = await OkAsync(TapAsync(visit.Therapist, visit.Id, "set-off", Fitzroy));

        var drive = app.Services.GetRequiredService<ITravelTimeModel>().Estimate(new GeoPoint(-37.7987, 144.9784), Carlton);
        Assert.Equal("on-the-way", onTheWay.GetProperty("stage").GetString());
        Assert.Equal("confirmed", onTheWay.GetProperty("status").GetString());
        Assert.Equal(VisitProgress.EtaAfter(now, drive), Instant.FromDateTimeOffset(onTheWay.GetProperty("etaAt").GetDateTimeOffset()));
        Assert.Equal(JsonValueKind.Null, onTheWay.GetProperty("position").ValueKind); // the therapist's own answer carries no position
        var seen = await OkAsync(visit.Client.GetAsync($"/api/bookings/{visit.Id}/visit"));
        Assert.Equal(-37.7987, seen.GetProperty("position").GetProperty("latitude").GetDouble());
        Assert.True(seen.GetProperty("position").GetProperty("distanceKm").GetDouble() is > 0.5 and < 2);
        Assert.Contains("is on the way, arriving around", seen.GetProperty("headline").GetString(), StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromMinutes(12));
        var arrived = await OkAsync(TapAsync(visit.Therapist, visit.Id, "arrive", new { latitude = -37.80012, longitude = 144.96705, accuracy = 8 }));
        app.Clock.Advance(Duration.FromMinutes(70));
        var finished = await OkAsync(TapAsync(visit.Therapist, visit.Id, "check-out"));
        var closed = await OkAsync(visit.Therapist.PostAsync($"/api/bookings/{visit.Id}/complete", null));

        Assert.Equal("arrived", arrived.GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.Null, arrived.GetProperty("etaAt").ValueKind);
        Assert.Equal("checked-out", finished.GetProperty("stage").GetString());
        Assert.Equal("completed", closed.GetProperty("booking").GetProperty("status").GetString());
        var last = await OkAsync(visit.Client.GetAsync($"/api/bookings/{visit.Id}/visit"));
        Assert.Equal("completed", last.GetProperty("stage").GetString());
        Assert.True(last.GetProperty("over").GetBoolean());
        Assert.Equal(["on-the-way", "arrived", "checked-out", "completed"],
            last.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("stage").GetString()!).ToArray());

        var therapistUser = await Db(app, db => db.Users.Where(u => u.Email == "therapist03@pinpoint.test").Select(u => u.Id).SingleAsync());
        var rows = await Db(app, db => db.Set<VisitEvent>().Where(e => e.BookingId == visit.Id).ToListAsync());
        Assert.Equal([VisitStage.OnTheWay, VisitStage.Arrived, VisitStage.CheckedOut], rows.OrderBy(r => r.At).Select(r => r.Stage).ToArray());
        Assert.All(rows, r => Assert.Equal(therapistUser, r.ByUserId));
        var setOff = rows.Single(r => r.Stage == VisitStage.OnTheWay);
        Assert.Equal((now, EtaBasis.Phone, (double?)null), (setOff.At, setOff.EtaFrom, setOff.Latitude)); // the drive's positions are not kept
        var atDoor = rows.Single(r => r.Stage == VisitStage.Arrived);
        Assert.Equal((-37.80012, 144.96705, 8.0), (atDoor.Latitude!.Value, atDoor.Longitude!.Value, atDoor.AccuracyMetres!.Value));
        var audit = await Db(app, db => db.AuditEntries.Where(a => a.Resource == VisitTracker.AuditResourcePrefix + visit.Id).ToListAsync());
        Assert.Equal(["visit-arrive", "visit-check-out", "visit-set-off"], audit.Select(a => a.Action).Order(StringComparer.Ordinal).ToArray());
        Assert.All(audit, a => Assert.Equal((therapistUser, visit.ClientId), (a.ActorUserId, a.SubjectUserId)));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_position_is_shown_only_to_the_client_during_the_drive_and_erased_on_arrival(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 4, Duration.FromMinutes(30));
        await OkAsync(TapAsync(visit.Therapist, visit.Id, "set-off"));
        using var admin = await app.ClientForAsync(Principal.Admin);
        using var otherTherapist = await app.ClientForAsync("therapist05@pinpoint.test");

        Assert.Equal(JsonValueKind.Null, (await OkAsync(visit.Client.GetAsync($"/api/bookings/{visit.Id}/visit"))).GetProperty("position").ValueKind);
        await OkAsync(TapAsync(visit.Therapist, visit.Id, "position", Fitzroy));
        var client = await OkAsync(visit.Client.GetAsync($"/api/bookings/{visit.Id}/visit"));
        var therapist = await OkAsync(visit.Therapist.GetAsync($"/api/bookings/{visit.Id}/visit"));
        Assert.Equal(144.9784, client.GetProperty("position").GetProperty("longitude").GetDouble());
        Assert.Equal(JsonValueKind.Null, therapist.GetProperty("position").ValueKind);
        foreach (var stranger in new[] { admin, otherTherapist })
        {
            await ProblemAsync(stranger.GetAsync($"/api/bookings/{visit.Id}/visit"), HttpStatusCode.NotFound);
            await ProblemAsync(stranger.GetAsync($"/api/bookings/{visit.Id}/visit/stream"), HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/bookings/{visit.Id}/live")).StatusCode);
        }

        await OkAsync(TapAsync(visit.Therapist, visit.Id, "arrive"));

        var stored = await Db(app, db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == visit.Id));
        Assert.Equal((null, null, null, null), (stored.PositionLatitude, stored.PositionLongitude, stored.PositionAccuracy, stored.PositionAt));
        Assert.Equal(JsonValueKind.Null, (await OkAsync(visit.Client.GetAsync($"/api/bookings/{visit.Id}/visit"))).GetProperty("position").ValueKind);
        // A position that arrives late (a phone on a bad connection) is refused, not stored.
        var late = await ProblemAsync(TapAsync(visit.Therapist, visit.Id, "position", Fitzroy), HttpStatusCode.Conflict);
        Assert.Equal("arrived", late.GetProperty("visit").GetProperty("stage").GetString());
        Assert.Null(await Db(app, db => db.Bookings.Where(b => b.Id == visit.Id).Select(b => b.PositionLatitude).SingleAsync()));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Repeated_and_out_of_order_taps_change_nothing_and_an_impossible_one_is_409_with_the_visit(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 6, Duration.FromMinutes(90));

        var tooEarlyToCheckOut = await ProblemAsync(TapAsync(visit.Therapist, visit.Id, "check-out"), HttpStatusCode.Conflict);
        var first = await OkAsync(TapAsync(visit.Therapist, visit.Id, "set-off"));
        var again = await OkAsync(TapAsync(visit.Therapist, visit.Id, "set-off"));
        var stillOnTheWay = await ProblemAsync(TapAsync(visit.Therapist, visit.Id, "check-out"), HttpStatusCode.Conflict);
        await OkAsync(TapAsync(visit.Therapist, visit.Id, "arrive"));
        var lateSetOff = await OkAsync(TapAsync(visit.Therapist, visit.Id, "set-off"));

        Assert.Equal("booked", tooEarlyToCheckOut.GetProperty("visit").GetProperty("stage").GetString());
        Assert.Contains("Check in at the door", tooEarlyToCheckOut.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(first.GetProperty("etaAt").GetString(), again.GetProperty("etaAt").GetString());
        Assert.Equal(first.GetProperty("version").GetString(), again.GetProperty("version").GetString());
        Assert.Equal("on-the-way", stillOnTheWay.GetProperty("visit").GetProperty("stage").GetString());
        Assert.Equal("arrived", lateSetOff.GetProperty("stage").GetString());
        Assert.Equal(2, await Db(app, db => db.Set<VisitEvent>().CountAsync(e => e.BookingId == visit.Id)));
        Assert.Equal(1, await Db(app, db => db.Events.CountAsync(e => e.Type == nameof(Pinpoint.Web.Kernel.Events.TherapistOnTheWay) && e.Payload.Contains(visit.Id.ToString()))));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Ten_taps_at_once_store_one_transition_and_all_get_the_same_answer(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 7, Duration.FromMinutes(60));

        var setOff = await Races.AllAtOnceAsync(Races.Racers, _ => TapAsync(visit.Therapist, visit.Id, "set-off"));
        var arrive = await Races.AllAtOnceAsync(Races.Racers, _ => TapAsync(visit.Therapist, visit.Id, "arrive"));

        foreach (var answers in new[] { setOff, arrive })
        {
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
            Assert.Single(answers.Select(a => (a.Body.GetProperty("stage").GetString(), a.Body.GetProperty("etaAt").ToString())).Distinct());
        }

        Assert.Equal(2, await Db(app, db => db.Set<VisitEvent>().CountAsync(e => e.BookingId == visit.Id)));
        Assert.Equal(2, await Db(app, db => db.AuditEntries.CountAsync(a => a.Resource == VisitTracker.AuditResourcePrefix + visit.Id)));
        Assert.Equal(1, await Db(app, db => db.Events.CountAsync(e => e.Type == nameof(Pinpoint.Web.Kernel.Events.TherapistOnTheWay) && e.Payload.Contains(visit.Id.ToString()))));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Only_the_visits_therapist_taps_and_a_closed_visit_answers_409_with_its_state(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 8, Duration.FromMinutes(100));
        using var other = await app.ClientForAsync("therapist09@pinpoint.test");
        using var admin = await app.ClientForAsync(Principal.Admin);

        await ProblemAsync(TapAsync(other, visit.Id, "set-off"), HttpStatusCode.NotFound);
        await ProblemAsync(TapAsync(admin, visit.Id, "arrive"), HttpStatusCode.NotFound);
        await ProblemAsync(TapAsync(visit.Client, visit.Id, "set-off"), HttpStatusCode.NotFound);
        await ProblemAsync(TapAsync(visit.Therapist, Guid.NewGuid(), "set-off"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync($"/api/bookings/{visit.Id}/visit/set-off", null)).StatusCode);
        Assert.Equal(VisitStage.Booked, await Db(app, db => db.Bookings.Where(b => b.Id == visit.Id).Select(b => b.Stage).SingleAsync()));
        Assert.Equal(3, await Db(app, db => db.AuditEntries.CountAsync(a => a.Resource == VisitTracker.AuditResourcePrefix + visit.Id && a.Action == VisitTracker.RefusedAction)));

        await OkAsync(visit.Client.PostAsJsonAsync($"/api/bookings/{visit.Id}/cancel", new { reason = "Called away", acceptedFee = 1000m }));
        var refused = await ProblemAsync(TapAsync(visit.Therapist, visit.Id, "set-off"), HttpStatusCode.Conflict);
        Assert.Equal("cancelled", refused.GetProperty("visit").GetProperty("stage").GetString());
        Assert.Contains("cancelled", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(visit.Therapist.PostAsJsonAsync($"/api/bookings/{visit.Id}/visit/eta", new { etaAt = "2026-11-24T10:30:00+11:00" }), HttpStatusCode.Conflict);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task What_a_phone_sends_is_checked_field_by_field(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 10, Duration.FromMinutes(60));

        async Task<string[]> FieldsAsync(string json)
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            var problem = await ProblemAsync(visit.Therapist.PostAsync($"/api/bookings/{visit.Id}/visit/set-off", content), HttpStatusCode.UnprocessableEntity);
            return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
        }

        Assert.Equal(["latitude"], await FieldsAsync("""{"latitude":"NaN","longitude":144.9}"""));
        Assert.Equal(["longitude"], await FieldsAsync("""{"latitude":-37.8,"longitude":"Infinity"}"""));
        Assert.Equal(["latitude"], await FieldsAsync("""{"latitude":91,"longitude":144.9}"""));
        Assert.Equal(["longitude"], await FieldsAsync("""{"latitude":-37.8}"""));
        Assert.Equal(["accuracy"], await FieldsAsync("""{"latitude":-37.8,"longitude":144.9,"accuracy":-3}"""));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["latitude"] = "-37.8" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await visit.Therapist.PostAsync($"/api/bookings/{visit.Id}/visit/set-off", form)).StatusCode);
        Assert.Equal(VisitStage.Booked, await Db(app, db => db.Bookings.Where(b => b.Id == visit.Id).Select(b => b.Stage).SingleAsync()));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Running_late_tells_the_client_the_new_time_once_and_the_on_the_way_email_links_to_the_live_page(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 11, Duration.FromMinutes(45));
        var now = app.Clock.GetCurrentInstant();
        var start = now + Duration.FromMinutes(45);
        var email = await Db(app, db => db.Users.Where(u => u.Id == visit.ClientId).Select(u => u.Email!).SingleAsync());
        string Eta(Duration after) => (now + after).ToDateTimeOffset().ToOffset(TimeSpan.FromHours(11)).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

        await OkAsync(TapAsync(visit.Therapist, visit.Id, "set-off"));
        var late = await OkAsync(visit.Therapist.PostAsJsonAsync($"/api/bookings/{visit.Id}/visit/eta", new { etaAt = Eta(Duration.FromMinutes(60)) }));
        await OkAsync(visit.Therapist.PostAsJsonAsync($"/api/bookings/{visit.Id}/visit/eta", new { etaAt = Eta(Duration.FromMinutes(60)) }));
        var past = await ProblemAsync(visit.Therapist.PostAsJsonAsync($"/api/bookings/{visit.Id}/visit/eta", new { etaAt = Eta(Duration.FromMinutes(-5)) }), HttpStatusCode.UnprocessableEntity);
        var afterEnd = await ProblemAsync(visit.Therapist.PostAsJsonAsync($"/api/bookings/{visit.Id}/visit/eta", new { etaAt = Eta(Duration.FromMinutes(105)) }), HttpStatusCode.UnprocessableEntity);
        await ProblemAsync(visit.Therapist.PostAsJsonAsync($"/api/bookings/{visit.Id}/visit/eta", new { }), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(now + Duration.FromMinutes(60), Instant.FromDateTimeOffset(late.GetProperty("etaAt").GetDateTimeOffset()));
        Assert.True(past.GetProperty("errors").TryGetProperty("etaAt", out _));
        Assert.True(afterEnd.GetProperty("errors").TryGetProperty("etaAt", out _));
        Assert.Contains("running late", (await OkAsync(visit.Client.GetAsync($"/api/bookings/{visit.Id}/visit"))).GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.True(start < now + Duration.FromMinutes(60)); // later than booked, and said so

        await app.DrainEventsAsync();
        await app.Scoped(s => s.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None));
        var kinds = await Db(app, db => db.Set<Notification>().Where(n => n.BookingId == visit.Id).Select(n => n.Kind).ToListAsync());
        Assert.Equal(1, kinds.Count(k => k == NotificationKind.OnTheWay));
        Assert.Equal(1, kinds.Count(k => k == NotificationKind.RunningLate));
        var mails = await app.Scoped(s => Task.FromResult(s.GetRequiredService<IEmailSender>() is SmtpEmailSender smtp
            ? Directory.GetFiles(smtp.PickupPath, "*.eml").Select(File.ReadAllText).Where(m => m.Contains($"To: {email}", StringComparison.Ordinal))
                .Where(m => m.Contains($"/bookings/{visit.Id}/", StringComparison.Ordinal)).ToArray() // not the sign-up link the new client was also sent
            : []));
        Assert.True(mails.Length == 2, string.Join("\n----\n", mails) + string.Join(",", kinds));
        var onTheWay = Assert.Single(mails, m => m.Contains("is on the way", StringComparison.Ordinal));
        var runningLate = Assert.Single(mails, m => m.Contains("Running late", StringComparison.Ordinal));
        var link = $"http://localhost:5080/bookings/{visit.Id}/live";
        Assert.Contains(link, onTheWay, StringComparison.Ordinal);
        Assert.Contains("Expected at your door: around", onTheWay, StringComparison.Ordinal);
        Assert.Contains(link, runningLate, StringComparison.Ordinal);
        Assert.Contains(VisitDto.Time(now + Duration.FromMinutes(60), Zones.Areas.Find("melbourne")!.Zone).ToUpperInvariant(), runningLate.ToUpperInvariant(), StringComparison.Ordinal);

        await OkAsync(TapAsync(visit.Therapist, visit.Id, "arrive"));
        await ProblemAsync(visit.Therapist.PostAsJsonAsync($"/api/bookings/{visit.Id}/visit/eta", new { etaAt = Eta(Duration.FromMinutes(70)) }), HttpStatusCode.Conflict);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Once_the_therapist_is_on_the_way_the_client_cannot_move_the_visit_and_after_check_in_nobody_cancels_it(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 12, Duration.FromMinutes(110));
        await OkAsync(TapAsync(visit.Therapist, visit.Id, "set-off"));
        var move = await ProblemAsync(visit.Client.PostAsJsonAsync($"/api/bookings/{visit.Id}/reschedule", new { start = Races.At(11, 30, 10) }), HttpStatusCode.Conflict);
        Assert.Contains("on the way", move.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await OkAsync(TapAsync(visit.Therapist, visit.Id, "arrive")); // early: 110 minutes before the booked start
        await ProblemAsync(visit.Client.PostAsJsonAsync($"/api/bookings/{visit.Id}/cancel", new { acceptedFee = 1000m }), HttpStatusCode.Conflict);
        await ProblemAsync(visit.Therapist.PostAsJsonAsync($"/api/bookings/{visit.Id}/cancel", new { reason = "x" }), HttpStatusCode.Conflict);
        await OkAsync(TapAsync(visit.Therapist, visit.Id, "check-out"));
        // Checked in and out before the booked start (an early arrival): closing it is allowed all the same.
        var closed = await OkAsync(visit.Therapist.PostAsync($"/api/bookings/{visit.Id}/complete", null));
        Assert.Equal("completed", closed.GetProperty("booking").GetProperty("status").GetString());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_live_stream_sends_the_visit_then_each_change_made_through_the_database(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 13, Duration.FromMinutes(60));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/bookings/{visit.Id}/visit/stream");
        using var response = await visit.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        async Task<JsonElement> NextVisitAsync()
        {
            string? name = null;
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "visit")
                {
                    return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
                }
            }

            throw new InvalidOperationException("The stream ended.");
        }

        Assert.Equal("booked", (await NextVisitAsync()).GetProperty("stage").GetString());
        // The tap goes through the database only (another node's tap would look the same to this stream).
        await app.Scoped(s => s.GetRequiredService<VisitTracker>().StepAsync(visit.Id, SignedInAs(s, "therapist13@pinpoint.test"), VisitStep.SetOff,
            new PhonePosition(-37.7987, 144.9784, 10), CancellationToken.None));
        var onTheWay = await NextVisitAsync();
        Assert.Equal("on-the-way", onTheWay.GetProperty("stage").GetString());
        Assert.Equal(-37.7987, onTheWay.GetProperty("position").GetProperty("latitude").GetDouble());
        await OkAsync(TapAsync(visit.Therapist, visit.Id, "arrive"));
        var arrived = await NextVisitAsync();
        Assert.Equal("arrived", arrived.GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.Null, arrived.GetProperty("position").ValueKind);
    }

    private static System.Security.Claims.ClaimsPrincipal SignedInAs(IServiceProvider services, string email)
    {
        var db = services.GetRequiredService<PinpointDb>();
        var userId = db.Users.Where(u => u.Email == email).Select(u => u.Id).Single();
        return new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, "Therapist")], "test"));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_pages_work_without_script_the_therapists_forms_move_the_visit_and_the_client_sees_it(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var visit = await VisitAsync(app, 14, Duration.FromMinutes(30));
        var page = $"/therapist/visits/{visit.Id}";

        using var tap = await visit.Therapist.SubmitAsync(page, new Dictionary<string, string>(), $"{page}?handler=SetOff");
        Assert.Equal(HttpStatusCode.Redirect, tap.StatusCode);
        var after = WebUtility.HtmlDecode(await visit.Therapist.GetStringAsync(page));
        Assert.Contains("You're on the way.", after, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"tap-arrive\"", after, StringComparison.Ordinal);
        using var late = await visit.Therapist.SubmitAsync(page, new Dictionary<string, string> { ["eta"] = "08:00" }, $"{page}?handler=Late");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode); // shown again with the error
        Assert.Contains("later than now", WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var live = await visit.Client.GetAsync($"/bookings/{visit.Id}/live");
        var html = WebUtility.HtmlDecode(await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(live.Headers.CacheControl?.NoStore);
        Assert.Contains("is on the way", html, StringComparison.Ordinal);
        Assert.Contains($"/api/bookings/{visit.Id}/visit/stream", html, StringComparison.Ordinal);
        Assert.Contains("/photo.svg", html, StringComparison.Ordinal);
        Assert.Contains($"/bookings/{visit.Id}/live", await visit.Client.GetStringAsync("/bookings"), StringComparison.Ordinal);
        Assert.Contains($"/therapist/visits/{visit.Id}", await visit.Therapist.GetStringAsync("/therapist/day"), StringComparison.Ordinal);
        using var stranger = await app.ClientForAsync("therapist15@pinpoint.test");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(page)).StatusCode);
    }
}
