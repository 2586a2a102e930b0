using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Therapists;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Sign-up, application, vetting and what the public sees, on both databases.</summary>
public sealed class TherapistVettingTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static async Task<(HttpClient Client, string Email)> RegisterTherapistAsync(PinpointApp app, string area = "Northcote 3070")
    {
        var email = $"new.{Guid.NewGuid():N}@example.test";
        var client = app.NewBrowserLikeClient();
        using var response = await client.SubmitAsync("/account/register-therapist", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Noor Haddad", ["Input.Email"] = email, ["StartArea"] = area,
            ["Input.Mobile"] = "0412 345 679", ["Input.Password"] = "knots-and-bands-7", ["Input.ConfirmPassword"] = "knots-and-bands-7",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var confirmed = await app.ConfirmSignUpAsync(client, email);
        Assert.Equal("/therapist", confirmed.Headers.Location?.OriginalString);
        return (client, email);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_new_therapist_is_bookable_for_a_modality_only_after_an_admin_approves_it(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (therapist, email) = await RegisterTherapistAsync(app);
        var id = await app.TherapistIdAsync(email);
        var me = await therapist.GetFromJsonAsync<JsonElement>("/api/therapists/me");
        Assert.Equal("Northcote", me.GetProperty("public").GetProperty("suburb").GetString());
        Assert.Equal("Australia/Melbourne", me.GetProperty("timeZoneId").GetString());

        var credentialId = await TherapistAuthorizationTests.ApplyAsync(therapist, "neuromuscular");
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/therapists/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/therapists/{id}")).StatusCode);
        Assert.Contains("data-testid=\"preview\"", await therapist.GetStringAsync($"/therapists/{id}"), StringComparison.Ordinal);

        using var admin = await app.ClientForAsync(Principal.Admin);
        var queue = await admin.GetFromJsonAsync<JsonElement[]>("/api/admin/credentials/pending");
        Assert.Contains(queue!, p => p.GetProperty("credential").GetProperty("id").GetGuid() == credentialId);
        using var noReason = await admin.PostAsJsonAsync($"/api/admin/credentials/{credentialId}/decision", new { approve = false, reason = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);

        using var approved = await admin.PostAsJsonAsync($"/api/admin/credentials/{credentialId}/decision", new { approve = true, reason = "Checked with the issuer." });
        Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        using var again = await admin.PostAsJsonAsync($"/api/admin/credentials/{credentialId}/decision", new { approve = false, reason = "Changed my mind." });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var profile = await anonymous.GetFromJsonAsync<JsonElement>($"/api/therapists/{id}");
        Assert.Equal(["neuromuscular"], profile.GetProperty("verifiedModalities").EnumerateArray().Select(m => m.GetString()));
        var nmt = await anonymous.GetFromJsonAsync<JsonElement[]>("/api/therapists?modality=neuromuscular&area=Northcote");
        Assert.Contains(nmt!, t => t.GetProperty("id").GetGuid() == id);
        var sports = await anonymous.GetFromJsonAsync<JsonElement[]>("/api/therapists?modality=sports");
        Assert.DoesNotContain(sports!, t => t.GetProperty("id").GetGuid() == id);

        var mine = await therapist.GetFromJsonAsync<JsonElement[]>("/api/therapists/me/credentials");
        var credential = mine!.Single(c => c.GetProperty("id").GetGuid() == credentialId);
        Assert.Equal("approved", credential.GetProperty("status").GetString());
        Assert.Equal("Checked with the issuer.", credential.GetProperty("decisionReason").GetString());

        var decisions = await admin.GetFromJsonAsync<JsonElement[]>($"/api/admin/therapists/{id}/decisions");
        var decision = Assert.Single(decisions!);
        Assert.Equal("approved", decision.GetProperty("decision").GetString());
        var adminId = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Users.Where(u => u.Email == "admin@pinpoint.test").Select(u => u.Id).SingleAsync());
        Assert.Equal(adminId, decision.GetProperty("decidedByUserId").GetString());
        Assert.Equal(app.Clock.GetCurrentInstant(), Instant.FromDateTimeOffset(decision.GetProperty("decidedAt").GetDateTimeOffset()));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_rejection_reaches_the_therapist_with_its_reason_and_they_can_apply_again(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (therapist, _) = await RegisterTherapistAsync(app, "3182");
        var first = await TherapistAuthorizationTests.ApplyAsync(therapist, "sports");
        using var duplicate = await therapist.PostAsync("/api/therapists/me/credentials", TherapistAuthorizationTests.Application("sports"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);

        using var admin = await app.ClientForAsync(Principal.Admin);
        using var rejected = await admin.PostAsJsonAsync($"/api/admin/credentials/{first}/decision", new { approve = false, reason = "The certificate is illegible." });
        Assert.Equal(HttpStatusCode.NoContent, rejected.StatusCode);

        var dashboard = await therapist.GetStringAsync("/therapist");
        Assert.Contains("The certificate is illegible.", System.Net.WebUtility.HtmlDecode(dashboard), StringComparison.Ordinal);
        Assert.Contains("data-standing=\"rejected\"", dashboard, StringComparison.Ordinal);
        var second = await TherapistAuthorizationTests.ApplyAsync(therapist, "sports");
        Assert.NotEqual(first, second);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Expiring_credentials_are_listed_for_admins_and_expired_ones_stop_bookings(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (therapist, email) = await RegisterTherapistAsync(app, "Box Hill");
        var id = await app.TherapistIdAsync(email);
        var today = app.Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Australia/Melbourne"]).Date;
        await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            db.TherapistCredentials.AddRange(
                Approved(id, Modality.Myofascial, today.PlusDays(10)),
                Approved(id, Modality.Clinical, today.PlusDays(-1)));
            await db.SaveChangesAsync();
        });

        using var admin = await app.ClientForAsync(Principal.Admin);
        var expiring = await admin.GetFromJsonAsync<JsonElement[]>("/api/admin/credentials/expiring");
        Assert.Contains(expiring!, e => e.GetProperty("therapistId").GetGuid() == id && e.GetProperty("credential").GetProperty("modality").GetString() == "myofascial");
        Assert.DoesNotContain(expiring!, e => e.GetProperty("therapistId").GetGuid() == id && e.GetProperty("credential").GetProperty("modality").GetString() == "clinical");

        var profile = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/therapists/{id}");
        Assert.Equal(["myofascial"], profile.GetProperty("verifiedModalities").EnumerateArray().Select(m => m.GetString()));
        var dashboard = await therapist.GetStringAsync("/therapist");
        Assert.Contains("data-standing=\"expiringSoon\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("data-standing=\"expired\"", dashboard, StringComparison.Ordinal);

        var expired = await admin.GetFromJsonAsync<JsonElement[]>("/api/admin/therapists?status=expired&q=Noor");
        Assert.Contains(expired!, t => t.GetProperty("profile").GetProperty("id").GetGuid() == id);
        using var badStatus = await admin.GetAsync("/api/admin/therapists?status=sleeping");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus.StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Sign_up_with_an_unknown_area_explains_and_creates_no_account(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var email = $"lost.{Guid.NewGuid():N}@example.test";
        using var client = app.NewBrowserLikeClient();

        using var response = await client.SubmitAsync("/account/register-therapist", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Lost Person", ["Input.Email"] = email, ["StartArea"] = "Atlantis",
            ["Input.Mobile"] = "0412 345 679", ["Input.Password"] = "knots-and-bands-7", ["Input.ConfirmPassword"] = "knots-and-bands-7",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("We could not find", System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await app.Scoped(s => s.GetRequiredService<PinpointDb>().Users.AnyAsync(u => u.Email == email)));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_admin_queue_page_approves_and_rejects_with_a_reason(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (therapist, _) = await RegisterTherapistAsync(app, "Carlton");
        var credential = await TherapistAuthorizationTests.ApplyAsync(therapist, "clinical");
        using var admin = await app.ClientForAsync(Principal.Admin);

        using var missing = await admin.SubmitAsync("/admin/vetting", new Dictionary<string, string> { ["decision"] = "reject", ["reason"] = "" },
            postPath: $"/admin/vetting?id={credential}");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Tell the therapist why", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var approve = await admin.SubmitAsync("/admin/vetting", new Dictionary<string, string> { ["decision"] = "approve", ["reason"] = "" },
            postPath: $"/admin/vetting?id={credential}");
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        var mine = await therapist.GetFromJsonAsync<JsonElement[]>("/api/therapists/me/credentials");
        Assert.Equal("approved", mine!.Single(c => c.GetProperty("id").GetGuid() == credential).GetProperty("status").GetString());
    }

    private static TherapistCredential Approved(Guid therapistId, Modality modality, LocalDate expiresOn) => new()
    {
        Id = Guid.NewGuid(), TherapistId = therapistId, Modality = modality, Issuer = "Test Institute", Number = "T-1",
        IssuedOn = expiresOn.PlusYears(-3), ExpiresOn = expiresOn, Status = CredentialStatus.Approved,
    };
}
