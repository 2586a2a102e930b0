using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>
/// Every therapist and admin endpoint and page, against anonymous, a client, another therapist, the therapist and an
/// admin. "ok" is any 2xx; "login" and "denied" are page redirects to sign-in and to access denied.
/// </summary>
public sealed class TherapistAuthorizationTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private sealed record Row(string Method, string Path, Func<HttpContent?> Body, string Anonymous, string Client, string Other, string Therapist, string Admin);

    private static Func<HttpContent?> Json(object value) => () => JsonContent.Create(value);

    private static readonly Func<HttpContent?> None = () => null;

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Every_endpoint_and_page_admits_exactly_the_right_people(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var documentCredential = await ApplyAsync(therapist, "sports");
        var decidable = await ApplyAsync(therapist, "neuromuscular");

        Row[] rows =
        [
            new("GET", "/api/therapists", None, "ok", "ok", "ok", "ok", "ok"),
            new("GET", $"/api/therapists/{therapistId}", None, "ok", "ok", "ok", "ok", "ok"),
            new("GET", "/api/therapists/me", None, "401", "403", "ok", "ok", "403"),
            new("PUT", "/api/therapists/me", Json(new { bio = "Gentle, thorough trigger point work for desk workers and runners." }), "401", "403", "ok", "ok", "403"),
            new("PUT", "/api/therapists/me/photo", () => SampleFiles.Form("file", SampleFiles.Png, "me.png", "image/png"), "401", "403", "ok", "ok", "403"),
            new("GET", "/api/therapists/me/hours", None, "401", "403", "ok", "ok", "403"),
            new("PUT", "/api/therapists/me/hours", Json(new { weekly = new[] { new { day = "monday", start = "09:00", end = "17:00" } } }), "401", "403", "ok", "ok", "403"),
            new("GET", "/api/therapists/me/hours/preview", None, "401", "403", "ok", "ok", "403"),
            new("POST", "/api/therapists/me/exceptions", Json(new { firstDay = "2027-06-01", lastDay = "2027-06-02", note = "Leave" }), "401", "403", "ok", "ok", "403"),
            new("DELETE", "/api/therapists/me/exceptions/987654", None, "401", "403", "404", "404", "403"),
            new("GET", "/api/therapists/me/credentials", None, "401", "403", "ok", "ok", "403"),
            new("POST", "/api/therapists/me/credentials", () => Application("clinical"), "401", "403", "ok", "ok", "403"),
            new("GET", $"/api/therapists/me/credentials/{documentCredential}/document", None, "401", "403", "404", "ok", "403"),
            new("GET", "/api/admin/credentials/pending", None, "401", "403", "403", "403", "ok"),
            new("GET", "/api/admin/credentials/expiring", None, "401", "403", "403", "403", "ok"),
            new("POST", $"/api/admin/credentials/{decidable}/decision", Json(new { approve = false, reason = "The number is not on the register." }), "401", "403", "403", "403", "ok"),
            new("GET", $"/api/admin/credentials/{documentCredential}/document", None, "401", "403", "403", "403", "ok"),
            new("GET", "/api/admin/therapists", None, "401", "403", "403", "403", "ok"),
            new("GET", $"/api/admin/therapists/{therapistId}/decisions", None, "401", "403", "403", "403", "ok"),
            new("GET", "/therapist", None, "login", "denied", "ok", "ok", "denied"),
            new("GET", "/therapist/profile", None, "login", "denied", "ok", "ok", "denied"),
            new("GET", "/therapist/hours", None, "login", "denied", "ok", "ok", "denied"),
            new("GET", "/therapist/credentials", None, "login", "denied", "ok", "ok", "denied"),
            new("GET", "/admin/vetting", None, "login", "denied", "denied", "denied", "ok"),
            new("GET", "/admin/therapists", None, "login", "denied", "denied", "denied", "ok"),
            new("GET", "/therapists", None, "ok", "ok", "ok", "ok", "ok"),
            new("GET", $"/therapists/{therapistId}", None, "ok", "ok", "ok", "ok", "ok"),
        ];

        var failures = new List<string>();
        foreach (var principal in Enum.GetValues<Principal>())
        {
            using var client = principal == Principal.Therapist ? null : await app.ClientForAsync(principal);
            var http = client ?? therapist;
            foreach (var row in rows)
            {
                var expected = principal switch
                {
                    Principal.Anonymous => row.Anonymous,
                    Principal.Client => row.Client,
                    Principal.OtherTherapist => row.Other,
                    Principal.Therapist => row.Therapist,
                    _ => row.Admin,
                };
                using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Path) { Content = row.Body() };
                using var response = await http.SendAsync(request);
                var actual = Describe(response);
                if (actual != expected)
                {
                    failures.Add($"{principal,-15} {row.Method} {row.Path}: expected {expected}, got {actual} ({(int)response.StatusCode})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Another_therapist_editing_me_changes_only_their_own_profile(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var other = await app.ClientForAsync(Principal.OtherTherapist);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var before = await (await app.CreateClient().GetAsync($"/api/therapists/{therapistId}")).Content.ReadFromJsonAsync<JsonElement>();

        using var put = await other.PutAsJsonAsync("/api/therapists/me", new { bio = "Changed by therapist two, about therapist two." });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var mine = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(therapistId, mine.GetProperty("public").GetProperty("id").GetGuid());
        var after = await (await app.CreateClient().GetAsync($"/api/therapists/{therapistId}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(before.GetProperty("bio").GetString(), after.GetProperty("bio").GetString());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_public_never_sees_addresses_coordinates_or_documents(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var json = await app.CreateClient().GetStringAsync("/api/therapists");

        Assert.DoesNotContain("homeAddress", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("latitude", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("document", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("credentials", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("verifiedModalities", json, StringComparison.Ordinal);
    }

    internal static MultipartFormDataContent Application(string modality, byte[]? document = null, string expiresOn = "2028-06-30") =>
        SampleFiles.Form("document", document ?? SampleFiles.Pdf, "certificate.pdf", "application/pdf", new Dictionary<string, string>
        {
            ["modality"] = modality, ["issuer"] = "Australian Trigger Point Institute", ["number"] = "ATPI-" + modality.ToUpperInvariant(),
            ["issuedOn"] = "2024-02-01", ["expiresOn"] = expiresOn,
        });

    internal static async Task<Guid> ApplyAsync(HttpClient therapist, string modality)
    {
        using var response = await therapist.PostAsync("/api/therapists/me/credentials", Application(modality));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static string Describe(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is 301 or 302 or 303)
        {
            var location = response.Headers.Location?.ToString() ?? "";
            return location.Contains("/account/login", StringComparison.OrdinalIgnoreCase) ? "login"
                : location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase) ? "denied"
                : "redirect:" + location;
        }

        return status is >= 200 and < 300 ? "ok" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
