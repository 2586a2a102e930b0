using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>The intake's steps as plain forms: each saves the draft and moves on; bad answers come back with their message.</summary>
public sealed class IntakePagesTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Each_step_saves_the_draft_and_the_last_one_submits(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);

        async Task Step(int step, Dictionary<string, string> fields)
        {
            using var response = await client.SubmitAsync($"/intake/{step}", fields);
            var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"step {step}: {response.StatusCode}\n{body[..Math.Min(body.Length, 3000)]}");
            Assert.Equal($"/intake/{step + 1}", response.Headers.Location?.OriginalString);
        }

        await Step(1, new() { ["regions"] = "heel-right:7", ["r"] = "calf-right" });
        await Step(2, new() { ["duration"] = "weeks", ["complaints"] = "heel-pain", ["worse"] = "First steps in the morning" });
        await Step(3, new() { ["goals"] = "pain-relief", ["activity"] = "running" });
        await Step(4, new() { ["pressure"] = "medium", ["therapistGender"] = "female", ["scent"] = "none", ["music"] = "calm", ["lighting"] = "natural", ["roomTemperature"] = "neutral", ["pets"] = "Two cats" });
        var answers = Pinpoint.Core.Screening.ScreeningRules.Questions.ToDictionary(q => $"q.{q.Id}", q => q.Id == "pregnancy" ? "yes" : "no");
        await Step(5, answers);

        var review = WebUtility.HtmlDecode(await client.GetStringAsync("/intake/6"));
        Assert.Contains("Right heel — 7/10", review, StringComparison.Ordinal);
        Assert.Contains("Right calf — 5/10", review, StringComparison.Ordinal);
        Assert.Contains("data-rule=\"pregnancy\"", review, StringComparison.Ordinal);

        using var noConsent = await client.SubmitAsync("/intake/6", new Dictionary<string, string>(), postPath: "/intake/6?handler=Submit");
        Assert.Equal(HttpStatusCode.OK, noConsent.StatusCode);
        Assert.Contains("Please read and accept the consent to treatment.", WebUtility.HtmlDecode(await noConsent.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var sent = await client.SubmitAsync("/intake/6", new Dictionary<string, string> { ["treatment"] = "true", ["privacy"] = "true" }, postPath: "/intake/6?handler=Submit");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var latest = await client.GetFromJsonAsync<JsonElement>("/api/intake");
        Assert.Equal("weeks", latest.GetProperty("content").GetProperty("duration").GetString());
        Assert.Equal("medium", latest.GetProperty("content").GetProperty("preferences").GetProperty("pressure").GetString());
        Assert.Equal("caution", latest.GetProperty("screening").GetProperty("outcome").GetString());
        Assert.Contains("Version 1", await client.GetStringAsync("/account"), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_yes_without_its_details_stays_on_the_step_with_the_message(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);

        using var response = await client.SubmitAsync("/intake/5", new Dictionary<string, string> { ["q.skin-veins"] = "yes", ["q.fever"] = "no" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Mark where on the body.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var draft = await client.GetFromJsonAsync<JsonElement>("/api/intake/draft");
        Assert.Empty(draft.GetProperty("content").GetProperty("screening").EnumerateObject());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Deleting_the_account_on_the_page_needs_confirmation(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, email) = await IntakeApiTests.RegisterClientAsync(app);

        using var unconfirmed = await client.SubmitAsync("/account", new Dictionary<string, string>(), postPath: "/account?handler=Delete");
        Assert.Contains("Tick the box", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var confirmed = await client.SubmitAsync("/account", new Dictionary<string, string> { ["confirm"] = "true" }, postPath: "/account?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        using var again = app.NewBrowserLikeClient();
        using var login = await again.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "tight-traps-2026" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_intake_needs_a_signed_in_user_and_a_real_step(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var anonymous = app.NewBrowserLikeClient();
        using var redirect = await anonymous.GetAsync("/intake/1");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Contains("/account/login", redirect.Headers.Location?.ToString(), StringComparison.Ordinal);

        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/intake/9")).StatusCode);
    }
}
