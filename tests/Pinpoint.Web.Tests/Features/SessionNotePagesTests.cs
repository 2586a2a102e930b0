using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>The therapist's note page with its body chart, and the client's session summary page.</summary>
public sealed class SessionNotePagesTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static readonly Dictionary<string, string> Soap = new()
    {
        ["Input.Subjective"] = "Temple headaches most afternoons.", ["Input.PainBefore"] = "6", ["Input.Observations"] = "Head forward.",
        ["Input.Assessment"] = "Active upper trapezius point.", ["Input.Plan"] = "Weekly for four weeks.", ["Input.PainAfter"] = "2",
        ["Input.ClientSummary"] = "The knot at the top of your shoulder was behind the headaches.",
    };

    private static Dictionary<string, string> NewPoint(string muscle = "upper-trapezius", string region = "upper-trapezius-ridge-left") => new(Soap)
    {
        ["Input.New.MuscleId"] = muscle, ["Input.New.Side"] = "Left", ["Input.New.RegionId"] = region, ["Input.New.Activity"] = "Active",
        ["Input.New.Tenderness"] = "7", ["Input.New.ReferralReproduced"] = "true", ["Input.New.Techniques"] = "ischemic-compression",
        ["Input.New.PressureTolerated"] = "gentle",
    };

    /// <summary>A client with a headache intake and a visit with therapist01 that ended an hour ago.</summary>
    private static async Task<(HttpClient Client, Guid BookingId)> VisitAsync(PinpointApp app)
    {
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        var consents = new { consents = new Dictionary<string, string> { ["treatment"] = ConsentTexts.Treatment.Version, ["privacy"] = ConsentTexts.Privacy.Version } };
        (await client.PutAsJsonAsync("/api/intake/draft", IntakeApiTests.CompleteIntake("anticoagulants"))).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/intake/submit", consents)).EnsureSuccessStatusCode();
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var id = Guid.NewGuid();
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            // Each visit an hour and a half before the last one of therapist01 (the demo's past visits are with others).
            var end = app.Clock.GetCurrentInstant() - Duration.FromHours(1) - Duration.FromMinutes(db.Bookings.Count(b => b.TherapistId == therapistId) * 90);
            db.Bookings.Add(new Booking
            {
                Id = id, ClientUserId = clientId, TherapistId = therapistId, Start = end - Duration.FromHours(1), End = end,
                OccupiedStart = end - Duration.FromMinutes(70), OccupiedEnd = end + Duration.FromMinutes(10), Status = BookingStatus.Completed,
            });
            await db.SaveChangesAsync();
        });
        return (client, id);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_therapist_charts_a_point_signs_and_the_client_reads_the_summary(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, id) = await VisitAsync(app);
        using var _ = client;
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var url = $"/therapist/visits/{id}/note";

        var page = WebUtility.HtmlDecode(await therapist.GetStringAsync(url));
        Assert.Contains("Likely sources for this client", page, StringComparison.Ordinal);
        Assert.Matches("<optgroup label=\"Likely sources for this client\">\\s*<option value=\"upper-trapezius\"", page);
        Assert.Contains("Blood thinners:</strong> Anticoagulated: gentle pressure only", page, StringComparison.Ordinal);
        Assert.Contains("not finished", await client.GetStringAsync($"/bookings/{id}/summary"), StringComparison.Ordinal);

        using var saved = await therapist.SubmitAsync(url, NewPoint(), $"{url}?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var withPoint = WebUtility.HtmlDecode(await therapist.GetStringAsync(url));
        Assert.Contains("Upper trapezius (left) at Left top of the shoulder: active, tenderness 7/10, referral reproduced; Ischemic compression", withPoint, StringComparison.Ordinal);
        Assert.Matches("data-region=\"upper-trapezius-ridge-left\"\\s+role=\"checkbox\" aria-checked=\"true\"", withPoint);

        var keep = new Dictionary<string, string>(NewPoint("levator-scapulae", "side-of-neck-left"))
        {
            ["Input.Findings[0].MuscleId"] = "upper-trapezius", ["Input.Findings[0].Side"] = "Left", ["Input.Findings[0].RegionId"] = "upper-trapezius-ridge-left",
            ["Input.Findings[0].Activity"] = "Active", ["Input.Findings[0].Tenderness"] = "7", ["Input.Findings[0].ReferralReproduced"] = "true",
            ["Input.Findings[0].Techniques"] = "ischemic-compression", ["Input.Findings[0].PressureTolerated"] = "gentle",
        };
        using var signed = await therapist.SubmitAsync(url, keep, $"{url}?handler=Sign");
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var locked = WebUtility.HtmlDecode(await therapist.GetStringAsync(url));
        Assert.Contains("data-testid=\"locked-note\"", locked, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"note-form\"", locked, StringComparison.Ordinal);

        var summary = WebUtility.HtmlDecode(await client.GetStringAsync($"/bookings/{id}/summary"));
        Assert.Contains("found and treated 2 trigger points", summary, StringComparison.Ordinal);
        Assert.Contains("The knot at the top of your shoulder was behind the headaches.", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Weekly for four weeks", summary, StringComparison.Ordinal);
        Assert.Contains($"/bookings/{id}/summary", await client.GetStringAsync("/bookings"), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_point_takes_the_side_of_the_region_tapped_for_it(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, id) = await VisitAsync(app);
        using var _ = client;
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var url = $"/therapist/visits/{id}/note";

        // The side list still says Left (its default), but the point was placed on the right side of the neck.
        using var saved = await therapist.SubmitAsync(url, NewPoint("upper-trapezius", "side-of-neck-right"), $"{url}?handler=Save");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var note = await (await therapist.GetAsync($"/api/bookings/{id}/note")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var point = Assert.Single(note.GetProperty("content").GetProperty("findings").EnumerateArray());
        Assert.Equal("side-of-neck-right", point.GetProperty("regionId").GetString());
        Assert.Equal("right", point.GetProperty("side").GetString(), StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_bad_point_shows_the_problem_and_saves_nothing(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, id) = await VisitAsync(app);
        using var _ = client;
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var url = $"/therapist/visits/{id}/note";

        using var bad = await therapist.SubmitAsync(url, NewPoint("upper-trapezius", "behind-the-moon"), $"{url}?handler=Save");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("Trigger point 1: Unknown body map region 'behind-the-moon'", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var stored = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Set<Pinpoint.Web.Features.Clinical.SessionNoteRecord>().AnyAsync(n => n.BookingId == id));
        Assert.False(stored);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Only_the_treating_therapist_opens_the_note_page_and_only_the_client_their_summary(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, id) = await VisitAsync(app);
        using var _ = client;
        using var other = await app.ClientForAsync(Principal.OtherTherapist);
        using var stranger = await app.ClientForAsync(Principal.Client);
        using var anonymous = app.NewBrowserLikeClient();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/therapist/visits/{id}/note")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/therapist/visits/{id}/note")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/therapist/visits/{id}/note")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/bookings/{id}/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/bookings/{id}/summary")).StatusCode);
    }
}
