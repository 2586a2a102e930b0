using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Intake;
using Pinpoint.Core.Referral;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Visits;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>
/// The therapist's printable day: visits in order with the travel model's drives, each client's cautions, preferences
/// and likely sources, the route sketch, other days, and the audit of the intakes it shows. The app's clock reads
/// Tuesday 24 November 2026, 09:00 in Melbourne; each test uses a day of its own.
/// </summary>
public sealed partial class TherapistDayPageTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private const string Page = "/therapist/day";
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
    private static readonly GeoPoint Carlton = new(-37.8001, 144.9671);
    private static readonly GeoPoint StKilda = new(-37.8676, 144.9801);
    private static readonly GeoPoint Richmond = new(-37.8183, 144.9980);

    private static Instant At(int day, int hour) => Melbourne.AtStrictly(new LocalDateTime(2026, 11, day, hour, 0)).ToInstant();

    private static async Task<Guid> InsertAsync(
        PinpointApp app, Guid therapistId, string clientId, Instant start, GeoPoint at, string address,
        BookingStatus status = BookingStatus.Confirmed, string? screeningJson = null, string? preferencesJson = null)
    {
        var id = Guid.NewGuid();
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            db.Bookings.Add(new Booking
            {
                Id = id, ClientUserId = clientId, TherapistId = therapistId, Start = start, End = start + Duration.FromHours(1),
                OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70), Status = status,
                ClientLatitude = at.Latitude, ClientLongitude = at.Longitude, Address = address, ScreeningJson = screeningJson, PreferencesJson = preferencesJson,
            });
            await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A client with a submitted headache intake (left temple, left back of the neck), with the given screening answers yes.</summary>
    private static async Task<string> ClientWithIntakeAsync(PinpointApp app, params string[] yes)
    {
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _ = client;
        (await client.PutAsJsonAsync("/api/intake/draft", IntakeApiTests.CompleteIntake(yes))).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/intake/submit", new
        {
            consents = new Dictionary<string, string> { ["treatment"] = ConsentTexts.Treatment.Version, ["privacy"] = ConsentTexts.Privacy.Version },
        })).EnsureSuccessStatusCode();
        return clientId;
    }

    private static async Task<string> ClientWithoutIntakeAsync(PinpointApp app)
    {
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        client.Dispose();
        return clientId;
    }

    private static async Task<string> DayAsync(HttpClient therapist, string? date = null)
    {
        using var response = await therapist.GetAsync(date is null ? Page : $"{Page}?date={date}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    // From the visit's card to the next card (or the drive home), so nested lists stay inside.
    private static string VisitHtml(string page, Guid id)
    {
        var at = page.IndexOf($"data-booking=\"{id}\"", StringComparison.Ordinal);
        Assert.True(at > 0, $"Visit {id} is not listed.");
        var next = page.IndexOf("class=\"card day-visit\"", at, StringComparison.Ordinal);
        return page[at..(next > 0 ? next : page.IndexOf("data-testid=\"drive-home\"", at, StringComparison.Ordinal))];
    }

    private static IReadOnlyList<int> Legs(string page) => [.. LegPattern().Matches(page).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    private static int DriveHome(string page) => int.Parse(DriveHomePattern().Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    // Drives worked out here, not asked of the app's travel model, so a bug in the model fails these tests: great-circle
    // kilometres (mean Earth radius 6,371.0088 km) × 1.3 circuity, at 32 km/h, plus 5 minutes to park and carry the
    // table in, rounded up. Carlton → St Kilda: 7.592 km × 1.3 = 9.870 km = 18.51 min + 5 = 23.51 → 24 minutes;
    // Carlton → Richmond: 3.386 km × 1.3 = 4.402 km = 8.25 min + 5 = 13.25 → 14 minutes.
    private const int CarltonToStKilda = 24;
    private const int CarltonToRichmond = 14;

    private static int DriveMinutes(GeoPoint from, GeoPoint to)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(to.Latitude - from.Latitude);
        var dLon = Radians(to.Longitude - from.Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(from.Latitude)) * Math.Cos(Radians(to.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        var roadKm = 2 * 6371.0088 * Math.Asin(Math.Sqrt(h)) * 1.3;
        return (int)Math.Ceiling((roadKm / 32 * 60) + 5);
    }

    [Fact]
    public void The_drives_worked_out_here_match_the_hand_computed_figures()
    {
        Assert.Equal(CarltonToStKilda, DriveMinutes(Carlton, StKilda));
        Assert.Equal(CarltonToRichmond, DriveMinutes(Carlton, Richmond));
    }

    private static Task<GeoPoint> HomeAsync(PinpointApp app, Guid therapistId) =>
        app.Scoped(async s => await s.GetRequiredService<PinpointDb>().Therapists.Where(t => t.Id == therapistId)
            .Select(t => new GeoPoint(t.HomeLatitude, t.HomeLongitude)).SingleAsync());

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_day_lists_its_visits_in_time_order_with_the_drives_of_the_travel_model(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var clientId = await ClientWithoutIntakeAsync(app);
        var afternoon = await InsertAsync(app, therapistId, clientId, At(25, 14), StKilda, "3 Acland St, St Kilda");
        var morning = await InsertAsync(app, therapistId, clientId, At(25, 10), Carlton, "1 Lygon St, Carlton");
        var home = await HomeAsync(app, therapistId);
        int[] expected = [DriveMinutes(home, Carlton), CarltonToStKilda];
        var back = DriveMinutes(StKilda, home);
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        var page = await DayAsync(therapist, "2026-11-25");

        Assert.Contains("<time datetime=\"2026-11-25\">Wednesday 25 November 2026</time>", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf(morning.ToString(), StringComparison.Ordinal) < page.IndexOf(afternoon.ToString(), StringComparison.Ordinal), "The 10:00 visit comes first.");
        Assert.Contains(">10:00</time>–<time datetime=\"2026-11-25T11:00:00+11:00\">11:00</time> · Alex Client", VisitHtml(page, morning), StringComparison.Ordinal);
        Assert.Contains("Myofascial, 60 min · 1 Lygon St, Carlton", VisitHtml(page, morning), StringComparison.Ordinal);
        Assert.Contains($"Drive from home: {expected[0]} minutes<", VisitHtml(page, morning), StringComparison.Ordinal);
        Assert.Contains($"Drive from the previous visit: {expected[1]} minutes<", VisitHtml(page, afternoon), StringComparison.Ordinal);
        Assert.Equal(expected, Legs(page));
        Assert.Equal(back, DriveHome(page));
        Assert.Contains($"2 visits, <strong>{expected.Sum() + back} minutes driving</strong> in all", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/therapist/visits/{morning}/note\"", VisitHtml(page, morning), StringComparison.Ordinal);
        Assert.Contains($"href=\"/therapist/clients/{clientId}\"", VisitHtml(page, morning), StringComparison.Ordinal);
        Assert.Contains("No intake yet", VisitHtml(page, morning), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_route_sketch_draws_home_and_one_numbered_circle_per_visit_with_a_described_route(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var clientId = await ClientWithoutIntakeAsync(app);
        await InsertAsync(app, therapistId, clientId, At(26, 9), Carlton, "1 Lygon St, Carlton");
        await InsertAsync(app, therapistId, clientId, At(26, 12), Richmond, "20 Swan St, Richmond");
        await InsertAsync(app, therapistId, clientId, At(26, 15), StKilda, "3 Acland St, St Kilda");
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        var page = await DayAsync(therapist, "2026-11-26");

        var svg = page[page.IndexOf("<svg class=\"route-sketch\"", StringComparison.Ordinal)..page.IndexOf("</svg>", page.IndexOf("route-sketch", StringComparison.Ordinal), StringComparison.Ordinal)];
        Assert.Equal(3, Regex.Count(svg, "<circle class=\"route-stop\""));
        Assert.Equal(1, Regex.Count(svg, "<rect class=\"route-home\""));
        Assert.Equal(["1", "2", "3"], Regex.Matches(svg, "<text class=\"route-number\"[^>]*>(\\d+)</text>").Select(m => m.Groups[1].Value));
        Assert.Equal(5, Regex.Match(svg, "<polyline class=\"route-line\" points=\"([^\"]+)\"").Groups[1].Value.Split(' ').Length);
        Assert.Contains("role=\"img\"", svg, StringComparison.Ordinal);
        var total = Legs(page).Sum() + DriveHome(page);
        var label = $"Route: home, 1 Carlton, 2 Richmond, 3 St Kilda, home; {total} minutes driving";
        Assert.Contains($"aria-label=\"{label}\"", svg, StringComparison.Ordinal);
        Assert.Contains($"<title>{label}</title>", svg, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Cautions_and_preferences_come_from_the_bookings_snapshot(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var clientId = await ClientWithIntakeAsync(app, "anticoagulants");
        var screening = await app.Scoped(async s => IntakeJson.Write((await s.GetRequiredService<IntakeService>().LatestAsync(clientId, default))!.Screening));
        // Not what the intake says now (a friendly dog, no avoided areas): the page must show what the client booked with.
        var preferences = IntakeJson.Write(new SessionPreferences
        {
            Pressure = "gentle", AvoidRegions = ["calf-left"], Scent = "lavender", Music = "calm", Lighting = "natural", RoomTemperature = "cool",
            Parking = "Visitor bay 4", Stairs = true, Pets = "Two cats", AccessNotes = "Side gate, code 1234",
        });
        var id = await InsertAsync(app, therapistId, clientId, At(27, 11), Carlton, "1 Lygon St, Carlton", screeningJson: screening, preferencesJson: preferences);
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        var visit = VisitHtml(await DayAsync(therapist, "2026-11-27"), id);

        Assert.Contains("<li class=\"alert alert-warning\">Blood thinners: Anticoagulated: gentle pressure only", visit, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"avoid\">Avoid: Left calf</li>", visit, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"pressure\">gentle</dd>", visit, StringComparison.Ordinal);
        Assert.Contains("Scent: Lavender · Music: Calm music · Lighting: Natural daylight · Temperature: Cool</dd>", visit, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"logistics\">Visitor bay 4 · Stairs · Pets: Two cats · Side gate, code 1234</dd>", visit, StringComparison.Ordinal);
        Assert.DoesNotContain("friendly dog", visit, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_client_with_an_intake_shows_where_it_hurts_and_the_engines_top_three_likely_sources(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var clientId = await ClientWithIntakeAsync(app);
        var id = await InsertAsync(app, therapistId, clientId, At(28, 10), Carlton, "1 Lygon St, Carlton");
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        var visit = VisitHtml(await DayAsync(therapist, "2026-11-28"), id);

        // Left temple 6 and left back of the neck 4 at a desk: the page shows the engine's first three muscles (the
        // ranking itself is measured in Pinpoint.Core.Tests), led by the pain guides' first source for both areas.
        var expected = app.Services.GetRequiredService<ReferralEngine>()
            .Rank([new PainfulRegion("temple-left", 6), new PainfulRegion("back-of-neck-left", 4)], "desk", take: 6)
            .Select(c => c.Muscle).DistinctBy(m => m.Id).Take(3).Select(m => m.Name).ToList();
        Assert.Equal("Upper trapezius", expected[0]);
        Assert.Contains($"data-testid=\"sources\">{string.Join(", ", expected)}</dd>", visit, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"pain\">Left temple, Left back of the neck</dd>", visit, StringComparison.Ordinal);
        Assert.DoesNotContain("No intake yet", visit, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Cancelled_and_no_show_visits_and_other_therapists_visits_are_left_out_of_the_list_and_the_driving(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var otherId = await app.TherapistIdAsync(SignIn.OtherTherapistEmail);
        var clientId = await ClientWithoutIntakeAsync(app);
        var requested = await InsertAsync(app, therapistId, clientId, At(29, 9), Carlton, "1 Lygon St, Carlton", BookingStatus.Requested);
        var cancelled = await InsertAsync(app, therapistId, clientId, At(29, 11), StKilda, "3 Acland St, St Kilda", BookingStatus.Cancelled);
        var noShow = await InsertAsync(app, therapistId, clientId, At(29, 13), StKilda, "5 Acland St, St Kilda", BookingStatus.NoShow);
        var theirs = await InsertAsync(app, otherId, clientId, At(29, 14), StKilda, "7 Acland St, St Kilda");
        var confirmed = await InsertAsync(app, therapistId, clientId, At(29, 16), Richmond, "20 Swan St, Richmond");
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        var page = await DayAsync(therapist, "2026-11-29");

        Assert.Contains("<span class=\"badge badge-pending\">Requested</span>", VisitHtml(page, requested), StringComparison.Ordinal);
        VisitHtml(page, confirmed);
        Assert.DoesNotContain(cancelled.ToString(), page, StringComparison.Ordinal);
        Assert.DoesNotContain(noShow.ToString(), page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.ToString(), page, StringComparison.Ordinal);
        Assert.DoesNotContain("St Kilda", page, StringComparison.Ordinal);
        Assert.Equal(CarltonToRichmond, Legs(page)[1]);
        Assert.Equal(2, Regex.Count(page, "<circle class=\"route-stop\""));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Today_in_the_therapists_zone_is_the_default_and_the_date_switches_day(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var clientId = await ClientWithoutIntakeAsync(app);
        // The clock is Monday 23 November 22:00 UTC: already Tuesday the 24th in Melbourne.
        var today = await InsertAsync(app, therapistId, clientId, At(24, 15), Carlton, "1 Lygon St, Carlton");
        var later = await InsertAsync(app, therapistId, clientId, Melbourne.AtStrictly(new LocalDateTime(2026, 12, 3, 10, 0)).ToInstant(), Richmond, "20 Swan St, Richmond");
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        var byDefault = await DayAsync(therapist);
        var chosen = await DayAsync(therapist, "2026-12-03");
        var empty = await DayAsync(therapist, "2026-12-04");
        using var nonsense = await therapist.GetAsync($"{Page}?date=3-12-2026");

        Assert.Contains("Tuesday 24 November 2026", byDefault, StringComparison.Ordinal);
        VisitHtml(byDefault, today);
        Assert.DoesNotContain(later.ToString(), byDefault, StringComparison.Ordinal);
        Assert.Contains("href=\"/therapist/day?date=2026-11-23\" rel=\"prev\"", byDefault, StringComparison.Ordinal);
        Assert.Contains("href=\"/therapist/day?date=2026-11-25\" rel=\"next\"", byDefault, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"today\"", byDefault, StringComparison.Ordinal);

        Assert.Contains("Thursday 3 December 2026", chosen, StringComparison.Ordinal);
        VisitHtml(chosen, later);
        Assert.DoesNotContain(today.ToString(), chosen, StringComparison.Ordinal);
        Assert.Contains("href=\"/therapist/day?date=2026-12-02\" rel=\"prev\"", chosen, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/therapist/day\" data-testid=\"today\">Today</a>", chosen, StringComparison.Ordinal);

        Assert.Contains("data-testid=\"no-visits\">No visits on this day.</p>", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg class=\"route-sketch\"", empty, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);
    }

    [Theory]
    [InlineDataOnAllDatabases(Principal.Anonymous, "/account/login")]
    [InlineDataOnAllDatabases(Principal.Client, "/account/access-denied")]
    public async Task Only_therapists_open_the_day_view(DatabaseProvider provider, Principal who, string sentTo)
    {
        var app = await apps.For(provider);
        using var client = await app.ClientForAsync(who);

        using var response = await client.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(sentTo, response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Reading_the_day_audits_each_client_whose_intake_it_shows_once(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var therapistUserId = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Therapists.Where(t => t.Id == therapistId).Select(t => t.UserId).SingleAsync());
        var twice = await ClientWithIntakeAsync(app);
        var once = await ClientWithIntakeAsync(app);
        var onlyCancelled = await ClientWithIntakeAsync(app);
        await InsertAsync(app, therapistId, twice, At(30, 9), Carlton, "1 Lygon St, Carlton");
        await InsertAsync(app, therapistId, once, At(30, 11), Richmond, "20 Swan St, Richmond");
        await InsertAsync(app, therapistId, twice, At(30, 14), Carlton, "1 Lygon St, Carlton");
        await InsertAsync(app, therapistId, onlyCancelled, At(30, 16), StKilda, "3 Acland St, St Kilda", BookingStatus.Cancelled);
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        await DayAsync(therapist, "2026-11-30");

        string[] clients = [twice, once, onlyCancelled];
        var audit = await app.Scoped(s => s.GetRequiredService<PinpointDb>().AuditEntries.AsNoTracking()
            .Where(a => clients.Contains(a.SubjectUserId) && a.ActorUserId == therapistUserId).ToListAsync());
        Assert.Equal(new[] { once, twice }.Order(StringComparer.Ordinal), audit.Select(a => a.SubjectUserId).Order(StringComparer.Ordinal));
        Assert.All(audit, a =>
        {
            Assert.Equal(ClientRecordAccess.ReadAction, a.Action);
            Assert.Equal(TherapistDay.AuditResource, a.Resource);
        });
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_dashboard_and_each_day_of_the_schedule_link_to_the_day_view(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var clientId = await ClientWithoutIntakeAsync(app);
        await InsertAsync(app, therapistId, clientId, Melbourne.AtStrictly(new LocalDateTime(2026, 12, 1, 10, 0)).ToInstant(), Carlton, "1 Lygon St, Carlton");
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        var dashboard = await therapist.GetStringAsync("/therapist");
        var schedule = WebUtility.HtmlDecode(await therapist.GetStringAsync("/therapist/schedule"));

        Assert.Contains("href=\"/therapist/day\" data-testid=\"day-link\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/therapist/day?date=2026-12-01\" data-testid=\"day-link\">Day view<span class=\"visually-hidden\">, Tuesday 1 December</span></a>", schedule, StringComparison.Ordinal);
    }

    [GeneratedRegex("data-testid=\"leg\" data-minutes=\"(\\d+)\"")]
    private static partial Regex LegPattern();

    [GeneratedRegex("data-testid=\"drive-home\" data-minutes=\"(\\d+)\"")]
    private static partial Regex DriveHomePattern();
}
