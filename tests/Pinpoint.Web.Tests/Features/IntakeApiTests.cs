using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Core.Screening;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Tests.Infrastructure;
using BookingEntity = Pinpoint.Web.Features.Booking.Booking;

namespace Pinpoint.Web.Tests.Features;

public sealed class IntakeApiTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    internal static async Task<(HttpClient Client, string UserId, string Email)> RegisterClientAsync(PinpointApp app)
    {
        var email = $"client.{Guid.NewGuid():N}@example.test";
        var client = app.NewBrowserLikeClient();
        using var response = await client.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Alex Client", ["Input.Email"] = email,
            ["Input.Mobile"] = "0412 345 678", ["Input.Password"] = "tight-traps-2026", ["Input.ConfirmPassword"] = "tight-traps-2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var confirmed = await app.ConfirmSignUpAsync(client, email);
        Assert.Equal("/account", confirmed.Headers.Location?.OriginalString);
        var id = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return (client, id, email);
    }

    internal static Dictionary<string, object> Screening(params string[] yes) =>
        ScreeningRules.Questions.ToDictionary(q => q.Id, q => (object)new { yes = yes.Contains(q.Id) });

    internal static object CompleteIntake(params string[] yes) => new
    {
        regions = new[] { new { id = "temple-left", intensity = 6 }, new { id = "back-of-neck-left", intensity = 4 } },
        duration = "months", better = "Heat and rest", worse = "Long days at the desk", complaints = new[] { "tension-headaches", "neck-shoulder-pain" },
        goals = new[] { "pain-relief", "sleep" }, activity = "desk",
        preferences = new { pressure = "gentle", therapistGender = "any", scent = "none", music = "quiet", lighting = "soft", roomTemperature = "warm", stairs = true, pets = "A friendly dog" },
        screening = Screening(yes),
    };

    private static readonly object Consents = new
    {
        consents = new Dictionary<string, string> { ["treatment"] = ConsentTexts.Treatment.Version, ["privacy"] = ConsentTexts.Privacy.Version },
    };

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_draft_is_saved_between_steps_and_shows_likely_sources(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await RegisterClientAsync(app);

        using var first = await client.PutAsJsonAsync("/api/intake/draft", new { regions = new[] { new { id = "temple-left", intensity = 7 } } });
        using var second = await client.PutAsJsonAsync("/api/intake/draft", new { regions = new[] { new { id = "temple-left", intensity = 7 } }, goals = new[] { "stress" } });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var draft = await client.GetFromJsonAsync<JsonElement>("/api/intake/draft");
        Assert.Equal("temple-left", draft.GetProperty("content").GetProperty("regions")[0].GetProperty("id").GetString());
        Assert.Equal("stress", draft.GetProperty("content").GetProperty("goals")[0].GetString());
        Assert.Equal("gentle", draft.GetProperty("content").GetProperty("preferences").GetProperty("pressure").GetString());
        Assert.Contains(draft.GetProperty("likelySources").EnumerateArray(), s => s.GetProperty("muscle").GetProperty("id").GetString() == "upper-trapezius");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/intake")).StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_bad_draft_is_refused_field_by_field_and_the_saved_one_stays(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await RegisterClientAsync(app);
        await client.PutAsJsonAsync("/api/intake/draft", new { goals = new[] { "sleep" } });

        using var bad = await client.PutAsJsonAsync("/api/intake/draft", new
        {
            regions = new[] { new { id = "nowhere", intensity = 3 } }, goals = new[] { "fame" }, preferences = new { pressure = "crushing" },
        });
        using var garbled = await client.PutAsync("/api/intake/draft", new StringContent("""{"duration":"forever"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("regions[0].id", out _));
        Assert.True(errors.TryGetProperty("goals", out _));
        Assert.True(errors.TryGetProperty("preferences.pressure", out _));
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        Assert.True((await garbled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("duration", out _));
        var draft = await client.GetFromJsonAsync<JsonElement>("/api/intake/draft");
        Assert.Equal("sleep", draft.GetProperty("content").GetProperty("goals")[0].GetString());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Submitting_keeps_every_version_with_its_screening_and_consents(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, userId, _) = await RegisterClientAsync(app);
        await client.PutAsJsonAsync("/api/intake/draft", new { regions = new[] { new { id = "temple-left", intensity = 6 } } });

        using var incomplete = await client.PostAsJsonAsync("/api/intake/submit", new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        var missing = (await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(missing.TryGetProperty("duration", out _));
        Assert.True(missing.TryGetProperty("screening.fever", out _));
        Assert.True(missing.TryGetProperty("consents.treatment", out _));
        Assert.True(missing.TryGetProperty("consents.privacy", out _));

        await client.PutAsJsonAsync("/api/intake/draft", CompleteIntake("anticoagulants"));
        using var oldConsent = await client.PostAsJsonAsync("/api/intake/submit", new { consents = new Dictionary<string, string> { ["treatment"] = "treatment-2020-01", ["privacy"] = ConsentTexts.Privacy.Version } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, oldConsent.StatusCode);
        using var first = await client.PostAsJsonAsync("/api/intake/submit", Consents);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var v1 = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal("caution", v1.GetProperty("screening").GetProperty("outcome").GetString());
        Assert.Contains("gentlePressureOnly", v1.GetProperty("screening").GetProperty("constraints").EnumerateArray().Select(c => c.GetString()));

        // Editing starts from the latest version; consents given once are not asked again.
        var draft = await client.GetFromJsonAsync<JsonElement>("/api/intake/draft");
        Assert.Equal("months", draft.GetProperty("content").GetProperty("duration").GetString());
        await client.PutAsJsonAsync("/api/intake/draft", CompleteIntake());
        using var second = await client.PostAsJsonAsync("/api/intake/submit", new { });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        var versions = await client.GetFromJsonAsync<JsonElement[]>("/api/intake/versions");
        Assert.Equal([1, 2], versions!.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("caution", versions![0].GetProperty("screening").GetProperty("outcome").GetString());
        Assert.Equal("pass", versions[1].GetProperty("screening").GetProperty("outcome").GetString());
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>("/api/intake")).GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.True, (await client.GetFromJsonAsync<JsonElement>("/api/intake/versions/1"))
            .GetProperty("content").GetProperty("screening").GetProperty("anticoagulants").GetProperty("yes").ValueKind);
        var consents = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Consents.Where(c => c.UserId == userId).ToListAsync());
        Assert.Equal([ConsentTexts.Privacy.Version, ConsentTexts.Treatment.Version], consents.Select(c => c.TextVersion).Order());
        Assert.All(consents, c => Assert.Equal(app.Clock.GetCurrentInstant(), c.AcceptedAt));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_stop_answer_is_kept_with_the_version_and_says_why(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await RegisterClientAsync(app);
        await client.PutAsJsonAsync("/api/intake/draft", CompleteIntake("fever", "pregnancy"));

        var version = await (await client.PostAsJsonAsync("/api/intake/submit", Consents)).Content.ReadFromJsonAsync<JsonElement>();

        var screening = version.GetProperty("screening");
        Assert.Equal("stop", screening.GetProperty("outcome").GetString());
        Assert.False(screening.GetProperty("canBook").GetBoolean());
        Assert.Equal("fever-infection", screening.GetProperty("triggered")[0].GetProperty("ruleId").GetString());
        Assert.Contains("doctor", screening.GetProperty("triggered")[0].GetProperty("adviceToClient").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Only_a_therapist_with_a_booking_or_an_admin_reads_a_client_intake_and_every_read_is_audited(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId, _) = await RegisterClientAsync(app);
        await client.PutAsJsonAsync("/api/intake/draft", CompleteIntake("anticoagulants"));
        await client.PostAsJsonAsync("/api/intake/submit", Consents);
        async Task<List<(string Actor, string Action)>> AuditAsync() => await app.Scoped(async s =>
            (await s.GetRequiredService<PinpointDb>().AuditEntries.Where(a => a.SubjectUserId == clientId).OrderBy(a => a.Id).ToListAsync())
            .Select(a => (a.ActorUserId, a.Action)).ToList());
        async Task<string> UserIdAsync(string email) =>
            await app.Scoped(s => s.GetRequiredService<PinpointDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/clients/{clientId}/intake")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/intake")).StatusCode);
        Assert.Empty(await AuditAsync());

        using var therapist = await app.ClientForAsync(Principal.Therapist);
        using var refused = await therapist.GetAsync($"/api/clients/{clientId}/intake");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var therapistUser = await UserIdAsync(SignIn.TherapistEmail);
        Assert.Equal([(therapistUser, ClientRecordAccess.DeniedAction)], await AuditAsync());

        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var start = app.Clock.GetCurrentInstant() + Duration.FromDays(2);
            db.Bookings.Add(new BookingEntity
            {
                Id = Guid.NewGuid(), ClientUserId = clientId, TherapistId = therapistId, Start = start, End = start + Duration.FromMinutes(60),
                OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70),
            });
            await db.SaveChangesAsync();
        });
        using var allowed = await therapist.GetAsync($"/api/clients/{clientId}/intake");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("caution", (await allowed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("screening").GetProperty("outcome").GetString());

        using var other = await app.ClientForAsync(Principal.OtherTherapist);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/clients/{clientId}/intake")).StatusCode);
        using var admin = await app.ClientForAsync(Principal.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/clients/{clientId}/intake")).StatusCode);
        using var anotherClient = await app.ClientForAsync(Principal.Client);
        Assert.Equal(HttpStatusCode.Forbidden, (await anotherClient.GetAsync($"/api/clients/{clientId}/intake")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/clients/{clientId}/intake")).StatusCode);

        Assert.Equal(
            [ClientRecordAccess.DeniedAction, ClientRecordAccess.ReadAction, ClientRecordAccess.DeniedAction, ClientRecordAccess.ReadAction, ClientRecordAccess.DeniedAction],
            (await AuditAsync()).Select(a => a.Action));
        Assert.Equal(
            [therapistUser, therapistUser, await UserIdAsync(SignIn.OtherTherapistEmail), await UserIdAsync("admin@pinpoint.test"), await UserIdAsync("client@pinpoint.test")],
            (await AuditAsync()).Select(a => a.Actor));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_client_downloads_their_data_and_deletion_anonymises_but_keeps_health_records(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, userId, email) = await RegisterClientAsync(app);
        await client.PutAsJsonAsync("/api/intake/draft", CompleteIntake());
        await client.PostAsJsonAsync("/api/intake/submit", Consents);
        await client.PutAsJsonAsync("/api/intake/draft", new { goals = new[] { "posture" } });

        using var export = await client.GetAsync("/api/me/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains("attachment", export.Content.Headers.ContentDisposition?.ToString() ?? export.Headers.ToString(), StringComparison.Ordinal);
        var data = await export.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, data.GetProperty("email").GetString());
        Assert.Equal(1, data.GetProperty("intakeVersions").GetArrayLength());
        Assert.Equal(2, data.GetProperty("consents").GetArrayLength());
        Assert.Equal("posture", data.GetProperty("draft").GetProperty("goals")[0].GetString());

        using var deleted = await client.PostAsync("/api/me/deletion", null);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            Assert.DoesNotContain(email, user.Email, StringComparison.Ordinal);
            Assert.Equal("Deleted account", user.DisplayName);
            Assert.Null(user.PasswordHash);
            Assert.False(await db.IntakeDrafts.AnyAsync(d => d.ClientUserId == userId));
            var version = await db.IntakeVersions.SingleAsync(v => v.ClientUserId == userId);
            Assert.NotNull(version.RetainedAfterDeletionAt);
        });
        using var relogin = app.NewBrowserLikeClient();
        using var login = await relogin.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "tight-traps-2026" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode); // the form again, with an error: no such account
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/intake")).StatusCode);
    }

    // No database: signed-out calls stop at authentication and the form is static, so one provider is enough.
    [Fact]
    public async Task Intake_endpoints_need_a_signed_in_user()
    {
        var app = await apps.For(DatabaseProvider.Sqlite);
        using var anonymous = app.CreateClient();

        foreach (var path in new[] { "/api/intake", "/api/intake/draft", "/api/intake/versions", "/api/me/export" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/intake/form")).StatusCode);
    }
}
