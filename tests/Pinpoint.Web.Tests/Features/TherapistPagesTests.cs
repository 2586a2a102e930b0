using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>The therapist's forms work as plain HTML forms: saved values come back, bad values are shown next to their field.</summary>
public sealed class TherapistPagesTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_profile_form_saves_and_shows_errors_next_to_fields(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = await app.ClientForAsync("therapist12@pinpoint.test");

        using var saved = await client.SubmitAsync("/therapist/profile", new Dictionary<string, string>
        {
            ["Form.DisplayName"] = "Benjamin Tran", ["Form.Bio"] = "Golf, cricket and rotational sports; gentle first sessions.",
            ["Form.Gender"] = "Male", ["Form.Languages"] = "English, Vietnamese", ["Form.YearsOfExperience"] = "11",
            ["Form.Interests"] = "team-sports", ["Form.HomeAddress"] = "Mentone 3194", ["Form.TimeZoneId"] = "Australia/Melbourne",
            ["Form.AreaRule"] = "minutes", ["Form.MaxTravelMinutes"] = "40",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/therapist/profile"));
        Assert.Contains("Your profile is saved.", page, StringComparison.Ordinal);
        Assert.Contains("Now: Mentone 3194", page, StringComparison.Ordinal);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/therapists/me");
        Assert.Equal(11, me.GetProperty("public").GetProperty("yearsOfExperience").GetInt32());
        Assert.Equal(40, me.GetProperty("maxTravelMinutes").GetInt32());

        using var bad = await client.SubmitAsync("/therapist/profile", new Dictionary<string, string>
        {
            ["Form.DisplayName"] = "Benjamin Tran", ["Form.YearsOfExperience"] = "75", ["Form.HomeAddress"] = "Nowhere Land",
            ["Form.TimeZoneId"] = "Australia/Melbourne", ["Form.AreaRule"] = "minutes", ["Form.MaxTravelMinutes"] = "40",
        });
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Years of experience must be between 0 and 60.", html, StringComparison.Ordinal);
        Assert.Contains("We could not find 'Nowhere Land'", html, StringComparison.Ordinal);
        Assert.Equal(11, (await client.GetFromJsonAsync<JsonElement>("/api/therapists/me")).GetProperty("public").GetProperty("yearsOfExperience").GetInt32());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_wrong_photo_on_the_page_is_explained(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = await app.ClientForAsync("therapist13@pinpoint.test");

        using var response = await client.SubmitWithFileAsync("/therapist/profile", new Dictionary<string, string>(), "photo",
            "GIF89a"u8.ToArray(), "cat.gif", "image/gif", postPath: "/therapist/profile?handler=Photo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That file is not a JPEG, PNG or WebP image.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_hours_form_saves_ranges_and_points_errors_at_the_row(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = await app.ClientForAsync("therapist14@pinpoint.test");
        var fields = new Dictionary<string, string> { ["Form.MaxSessionsPerDay"] = "5", ["Form.MinBreakMinutes"] = "15" };
        for (var i = 0; i < 14; i++)
        {
            fields[$"Form.Rows[{i}].Day"] = ((NodaTime.IsoDayOfWeek)(i / 2 + 1)).ToString();
        }

        fields["Form.Rows[0].Start"] = "08:00";
        fields["Form.Rows[0].End"] = "12:00";
        fields["Form.Rows[1].Start"] = "13:00";
        fields["Form.Rows[1].End"] = "16:30";
        using var saved = await client.SubmitAsync("/therapist/hours", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var hours = await client.GetFromJsonAsync<JsonElement>("/api/therapists/me/hours");
        Assert.Equal(["08:00-12:00", "13:00-16:30"], hours.GetProperty("weekly").EnumerateArray()
            .Select(w => $"{w.GetProperty("start").GetString()}-{w.GetProperty("end").GetString()}"));

        fields["Form.Rows[4].Start"] = "15:00";
        fields["Form.Rows[4].End"] = "10:00";
        using var bad = await client.SubmitAsync("/therapist/hours", fields);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Matches("data-valmsg-for=\"Form.Rows\\[4\\].End\"[^>]*>End must be after start", html);
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>("/api/therapists/me/hours")).GetProperty("weekly").GetArrayLength());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Time_off_is_added_and_removed_on_the_page(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = await app.ClientForAsync("therapist15@pinpoint.test");

        using var added = await client.SubmitAsync("/therapist/hours", new Dictionary<string, string>
        {
            ["Exception.FirstDay"] = "2027-01-04", ["Exception.LastDay"] = "2027-01-08", ["Exception.Note"] = "Holiday",
        }, postPath: "/therapist/hours?handler=AddException");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await client.GetStringAsync("/therapist/hours");
        Assert.Contains("4 Jan 2027 – 8 Jan 2027", WebUtility.HtmlDecode(page), StringComparison.Ordinal);

        var id = (await client.GetFromJsonAsync<JsonElement>("/api/therapists/me/hours")).GetProperty("exceptions")[0].GetProperty("id").GetInt64();
        using var removed = await client.SubmitAsync("/therapist/hours", new Dictionary<string, string>(), postPath: $"/therapist/hours?handler=RemoveException&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/therapists/me/hours")).GetProperty("exceptions").GetArrayLength());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_application_without_a_certificate_is_explained_on_the_page(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = await app.ClientForAsync("therapist16@pinpoint.test");

        using var response = await client.SubmitAsync("/therapist/credentials", new Dictionary<string, string>
        {
            ["Form.Modality"] = "sports", ["Form.Issuer"] = "Sports Institute", ["Form.Number"] = "S-1",
            ["Form.IssuedOn"] = "2024-01-01", ["Form.ExpiresOn"] = "2028-01-01",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose a file: a PDF, JPEG or PNG file", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
