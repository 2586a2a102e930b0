using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Profile edits, uploads, working hours and exceptions through the API, on both databases.</summary>
public sealed class TherapistProfileTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static async Task<(PinpointApp App, HttpClient Client)> TherapistAsync(DemoAppsFixture apps, DatabaseProvider provider, string email)
    {
        var app = await apps.For(provider);
        return (app, await app.ClientForAsync(email));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_profile_update_geocodes_the_address_and_keeps_it_private(DatabaseProvider provider)
    {
        var (app, client) = await TherapistAsync(apps, provider, "therapist03@pinpoint.test");

        using var response = await client.PutAsJsonAsync("/api/therapists/me", new
        {
            bio = "Neck and shoulder specialist.", gender = "female", languages = new[] { "English", "Hindi" },
            yearsOfExperience = 8, interests = new[] { "desk-workers", "headaches" }, homeAddress = "14 Lygon St, Brunswick East VIC 3057",
            maxRadiusKm = 12.5,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Brunswick East", me.GetProperty("public").GetProperty("suburb").GetString());
        Assert.Equal("3057", me.GetProperty("homePostcode").GetString());
        Assert.Equal(12.5, me.GetProperty("maxRadiusKm").GetDouble());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("maxTravelMinutes").ValueKind);
        var id = me.GetProperty("public").GetProperty("id").GetGuid();
        var publicJson = await app.CreateClient().GetStringAsync($"/api/therapists/{id}");
        Assert.Contains("\"suburb\":\"Brunswick East\"", publicJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Lygon", publicJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineDataOnAllDatabases("{\"homeAddress\":\"Atlantis\"}", "homeAddress")]
    [InlineDataOnAllDatabases("{\"interests\":[\"juggling\"]}", "interests")]
    [InlineDataOnAllDatabases("{\"yearsOfExperience\":99}", "yearsOfExperience")]
    [InlineDataOnAllDatabases("{\"timeZoneId\":\"Mars/Olympus\"}", "timeZoneId")]
    [InlineDataOnAllDatabases("{\"maxTravelMinutes\":1}", "maxTravelMinutes")]
    [InlineDataOnAllDatabases("{\"homeLatitude\":-37.8}", "homeLatitude")]
    [InlineDataOnAllDatabases("{\"displayName\":\"\"}", "displayName")]
    [InlineDataOnAllDatabases("{\"languages\":[\"a|b\"]}", "languages")]
    [InlineDataOnAllDatabases("{\"gender\":\"sometimes\"}", "gender")]
    [InlineDataOnAllDatabases("{\"yearsOfExperience\":\"many\"}", "yearsOfExperience")]
    public async Task Bad_profile_fields_are_named_and_nothing_changes(DatabaseProvider provider, string json, string field)
    {
        var (app, client) = await TherapistAsync(apps, provider, "therapist04@pinpoint.test");
        var before = await client.GetStringAsync("/api/therapists/me");

        using var response = await client.PutAsync("/api/therapists/me", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest, $"{response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        Assert.Equal(before, await client.GetStringAsync("/api/therapists/me"));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_photo_is_stored_served_and_replaced(DatabaseProvider provider)
    {
        var (app, client) = await TherapistAsync(apps, provider, "therapist05@pinpoint.test");

        using var first = await client.PutAsync("/api/therapists/me/photo", SampleFiles.Form("file", SampleFiles.Png, "me.png", "image/png"));
        using var second = await client.PutAsync("/api/therapists/me/photo", SampleFiles.Form("file", SampleFiles.Png, "again.png", "application/octet-stream"));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/therapists/me");
        var url = me.GetProperty("public").GetProperty("photoUrl").GetString()!;
        using var photo = await app.CreateClient().GetAsync(url);
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SampleFiles.Png, await photo.Content.ReadAsByteArrayAsync());
        var owner = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Users.Where(u => u.Email == "therapist05@pinpoint.test").Select(u => u.Id).SingleAsync());
        Assert.Equal(1, await app.Scoped(s => s.GetRequiredService<PinpointDb>().StoredFiles.CountAsync(f => f.OwnerUserId == owner)));
    }

    public static IEnumerable<object?[]> BadUploads => AllDatabases.Times(new TheoryData<string, byte[], string>
    {
        { "text pretending to be a PNG", "hello, I am not an image"u8.ToArray(), "not a JPEG, PNG or WebP" },
        { "empty", [], "Choose a file" },
        { "too large", [.. SampleFiles.Png, .. new byte[2 * 1024 * 1024]], "the limit is 2 MB" },
        { "a PDF", SampleFiles.Pdf, "not a JPEG, PNG or WebP" },
    });

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task A_bad_photo_is_refused_with_a_reason_and_nothing_is_stored(DatabaseProvider provider, string what, byte[] content, string message)
    {
        var (app, client) = await TherapistAsync(apps, provider, "therapist06@pinpoint.test");
        var filesBefore = await app.Scoped(s => s.GetRequiredService<PinpointDb>().StoredFiles.CountAsync());

        using var response = await client.PutAsync("/api/therapists/me/photo", SampleFiles.Form("file", content, "photo.png", "image/png"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("file")[0].GetString();
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(filesBefore, await app.Scoped(s => s.GetRequiredService<PinpointDb>().StoredFiles.CountAsync()));
        Assert.Equal(JsonValueKind.Null, (await client.GetFromJsonAsync<JsonElement>("/api/therapists/me")).GetProperty("public").GetProperty("photoUrl").ValueKind);
        _ = what;
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_bad_credential_document_is_refused_and_no_application_is_stored(DatabaseProvider provider)
    {
        var (app, client) = await TherapistAsync(apps, provider, "therapist07@pinpoint.test");
        var before = await app.Scoped(s => s.GetRequiredService<PinpointDb>().TherapistCredentials.CountAsync());

        using var wrongType = await client.PostAsync("/api/therapists/me/credentials",
            TherapistAuthorizationTests.Application("sports", "MZ executable"u8.ToArray()));
        using var badDates = await client.PostAsync("/api/therapists/me/credentials",
            TherapistAuthorizationTests.Application("sports", expiresOn: "2020-01-01"));
        using var garbledDate = await client.PostAsync("/api/therapists/me/credentials",
            TherapistAuthorizationTests.Application("sports", expiresOn: "next year"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongType.StatusCode);
        Assert.Contains("not a PDF, JPEG or PNG", await wrongType.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await badDates.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("expiresOn", out _));
        Assert.True((await garbledDate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("expiresOn", out _));
        Assert.Equal(before, await app.Scoped(s => s.GetRequiredService<PinpointDb>().TherapistCredentials.CountAsync()));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Working_hours_stay_local_across_the_daylight_saving_change(DatabaseProvider provider)
    {
        var (_, client) = await TherapistAsync(apps, provider, "therapist08@pinpoint.test");

        using var put = await client.PutAsJsonAsync("/api/therapists/me/hours", new
        {
            weekly = new[] { new { day = "monday", start = "09:00", end = "12:00" }, new { day = "monday", start = "13:00", end = "17:00" } },
            maxSessionsPerDay = 4, minBreakMinutes = 20,
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        // Melbourne: AEST (+10) until Sunday 4 October 2026, AEDT (+11) from then.
        var preview = await client.GetFromJsonAsync<JsonElement[]>("/api/therapists/me/hours/preview?from=2026-09-28&days=8");
        Assert.Equal(
            ["2026-09-28T09:00:00+10:00", "2026-09-28T13:00:00+10:00", "2026-10-05T09:00:00+11:00", "2026-10-05T13:00:00+11:00"],
            preview!.Select(p => p.GetProperty("start").GetString()));
        var hours = await client.GetFromJsonAsync<JsonElement>("/api/therapists/me/hours");
        Assert.Equal(4, hours.GetProperty("maxSessionsPerDay").GetInt32());
        Assert.Equal(2, hours.GetProperty("weekly").GetArrayLength());
    }

    [Theory]
    [InlineDataOnAllDatabases("""{"weekly":[{"day":"funday","start":"09:00","end":"17:00"}]}""", "weekly[0].day")]
    [InlineDataOnAllDatabases("""{"weekly":[{"day":"monday","start":"17:00","end":"09:00"}]}""", "weekly[0].end")]
    [InlineDataOnAllDatabases("""{"weekly":[{"day":"monday","start":"9am","end":"17:00"}]}""", "weekly[0].start")]
    [InlineDataOnAllDatabases("""{"weekly":[{"day":"monday","start":"09:00","end":"13:00"},{"day":"monday","start":"12:00","end":"17:00"}]}""", "weekly[1].start")]
    [InlineDataOnAllDatabases("""{"maxSessionsPerDay":0}""", "maxSessionsPerDay")]
    [InlineDataOnAllDatabases("""{"minBreakMinutes":500}""", "minBreakMinutes")]
    public async Task Bad_hours_are_named_and_the_old_hours_stay(DatabaseProvider provider, string json, string field)
    {
        var (_, client) = await TherapistAsync(apps, provider, "therapist09@pinpoint.test");
        var before = await client.GetStringAsync("/api/therapists/me/hours");

        using var response = await client.PutAsync("/api/therapists/me/hours", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, await client.GetStringAsync("/api/therapists/me/hours"));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Time_off_and_changed_hours_replace_the_usual_day(DatabaseProvider provider)
    {
        var (_, client) = await TherapistAsync(apps, provider, "therapist10@pinpoint.test");
        await client.PutAsJsonAsync("/api/therapists/me/hours", new { weekly = new[] { "monday", "tuesday", "wednesday" }.Select(d => new { day = d, start = "09:00", end = "17:00" }) });

        using var off = await client.PostAsJsonAsync("/api/therapists/me/exceptions", new { firstDay = "2027-03-01", note = "Conference" });
        using var changed = await client.PostAsJsonAsync("/api/therapists/me/exceptions", new { firstDay = "2027-03-02", start = "12:00", end = "15:00" });
        using var clash = await client.PostAsJsonAsync("/api/therapists/me/exceptions", new { firstDay = "2027-02-28", lastDay = "2027-03-01" });
        using var past = await client.PostAsJsonAsync("/api/therapists/me/exceptions", new { firstDay = "2020-01-01" });

        Assert.Equal(HttpStatusCode.Created, off.StatusCode);
        Assert.Equal(HttpStatusCode.Created, changed.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, clash.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        var preview = await client.GetFromJsonAsync<JsonElement[]>("/api/therapists/me/hours/preview?from=2027-03-01&days=3");
        Assert.Equal(["2027-03-02T12:00:00+11:00", "2027-03-03T09:00:00+11:00"], preview!.Select(p => p.GetProperty("start").GetString()));

        var id = (await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var removed = await client.DeleteAsync($"/api/therapists/me/exceptions/{id}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        preview = await client.GetFromJsonAsync<JsonElement[]>("/api/therapists/me/hours/preview?from=2027-03-01&days=1");
        Assert.Equal(["2027-03-01T09:00:00+11:00"], preview!.Select(p => p.GetProperty("start").GetString()));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_unreadable_date_in_json_is_a_400_naming_the_field(DatabaseProvider provider)
    {
        var (_, client) = await TherapistAsync(apps, provider, "therapist11@pinpoint.test");

        using var response = await client.PostAsync("/api/therapists/me/exceptions",
            new StringContent("""{"firstDay":"the first of March"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("firstDay", out _));
    }
}
