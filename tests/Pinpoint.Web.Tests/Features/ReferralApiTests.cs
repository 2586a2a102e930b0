using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>
/// The atlas, vocabulary and validation come from embedded data and never reach the database, so those tests are facts on
/// one app; a referral that is answered reads the catalogue and runs on every database.
/// </summary>
public sealed class ReferralApiTests(AppsFixture apps) : IClassFixture<AppsFixture>
{
    private async Task<HttpClient> ClientAsync(DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        (await apps.For(provider)).CreateClient();

    [Fact]
    public async Task Lists_every_body_map_region_with_view_side_and_synonyms()
    {
        using var client = await ClientAsync();

        var regions = await client.GetFromJsonAsync<JsonElement[]>("/api/body-map/regions");

        Assert.NotNull(regions);
        Assert.True(regions.Length >= 80, $"{regions.Length} regions");
        var temple = regions.Single(r => r.GetProperty("id").GetString() == "temple-left");
        Assert.Equal("Left temple", temple.GetProperty("label").GetString());
        Assert.Equal("front", temple.GetProperty("view").GetString());
        Assert.Equal("left", temple.GetProperty("side").GetString());
        Assert.Equal(JsonValueKind.Array, temple.GetProperty("synonyms").ValueKind);
        var sacrum = regions.Single(r => r.GetProperty("id").GetString() == "sacrum");
        Assert.Equal(JsonValueKind.Null, sacrum.GetProperty("side").ValueKind);
        Assert.Equal("back", sacrum.GetProperty("view").GetString());
    }

    [Fact]
    public async Task Lists_muscles_and_filters_them_by_the_region_they_refer_to()
    {
        using var client = await ClientAsync();

        var all = await client.GetFromJsonAsync<JsonElement[]>("/api/muscles");
        var temple = await client.GetFromJsonAsync<JsonElement[]>("/api/muscles?region=temple-left");
        var heads = await client.GetFromJsonAsync<JsonElement[]>("/api/muscles?group=head-neck&q=SCM");

        Assert.True(all!.Length >= 80);
        var templeIds = temple!.Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("upper-trapezius", templeIds);
        Assert.Contains("temporalis", templeIds);
        Assert.DoesNotContain("soleus", templeIds);
        Assert.NotEmpty(heads!);
        Assert.All(heads!, m => Assert.StartsWith("sternocleidomastoid", m.GetProperty("id").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_muscle_filters_are_422_naming_the_field()
    {
        using var client = await ClientAsync();

        using var response = await client.GetAsync("/api/muscles?group=toes&region=elbow-middle");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("'toes'", errors.GetProperty("group")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'elbow-middle'", errors.GetProperty("region")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gets_one_muscle_with_its_pattern_resolved_per_side()
    {
        using var client = await ClientAsync();

        var muscle = await client.GetFromJsonAsync<JsonElement>("/api/muscles/upper-trapezius");

        Assert.Equal("Upper trapezius", muscle.GetProperty("name").GetString());
        var sides = muscle.GetProperty("sides").EnumerateArray().ToList();
        Assert.Equal(["left", "right"], sides.Select(s => s.GetProperty("side").GetString()));
        Assert.Equal("upper-trapezius-ridge-right", sides[1].GetProperty("triggerPointRegions")[0].GetString());
        Assert.Contains("temple-left", sides[0].GetProperty("essential").EnumerateArray().Select(e => e.GetString()));
        Assert.False(string.IsNullOrWhiteSpace(muscle.GetProperty("selfCare").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(muscle.GetProperty("precautions").GetString()));
    }

    [Fact]
    public async Task An_unknown_muscle_is_a_404_problem()
    {
        using var client = await ClientAsync();

        using var response = await client.GetAsync("/api/muscles/biceps-femoris-longus-maximus");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_temple_headache_at_the_desk_points_to_the_left_upper_trapezius(DatabaseProvider provider)
    {
        using var client = await ClientAsync(provider);

        using var response = await client.PostAsJsonAsync("/api/referral", new
        {
            regions = new[] { new { id = "temple-left", intensity = 6 }, new { id = "back-of-neck-left", intensity = 4 } },
            symptoms = new[] { "headache" },
            activity = "desk",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var candidates = body.GetProperty("candidates").EnumerateArray().ToList();
        var first = candidates[0];
        Assert.Equal("upper-trapezius", first.GetProperty("muscle").GetString());
        Assert.Equal("Upper trapezius", first.GetProperty("name").GetString());
        Assert.Equal("left", first.GetProperty("side").GetString());
        Assert.InRange(first.GetProperty("score").GetDouble(), 0.0001, 1);
        Assert.Equal("most-likely", first.GetProperty("band").GetString());
        Assert.Equal("Most likely", first.GetProperty("bandLabel").GetString());
        Assert.Equal(1, first.GetProperty("coverage").GetDouble());
        Assert.Equal("Explains your left temple and the back of your neck on the left (main referral zone).", first.GetProperty("reason").GetString());
        Assert.Equal(
            [("temple-left", "essential"), ("back-of-neck-left", "essential")],
            first.GetProperty("explains").EnumerateArray().Select(e => (e.GetProperty("region").GetString(), e.GetProperty("zone").GetString())));
        Assert.Equal("upper-trapezius-ridge-left", first.GetProperty("triggerPointRegions")[0].GetString());
        Assert.Contains("temple-left", first.GetProperty("referralZone").GetProperty("essential").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("left upper trapezius", first.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.All(candidates, c => Assert.NotEqual("right", c.GetProperty("side").GetString()));
        var modality = body.GetProperty("suggestedModality");
        Assert.Equal("clinical", modality.GetProperty("id").GetString());
        Assert.Equal("Clinical Trigger Point Therapy", modality.GetProperty("name").GetString());
        Assert.NotEmpty(modality.GetProperty("reasons").EnumerateArray());
        Assert.Empty(body.GetProperty("warnings").EnumerateArray());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Chest_pain_with_breathlessness_comes_back_with_an_emergency_warning(DatabaseProvider provider)
    {
        using var client = await ClientAsync(provider);

        var body = await (await client.PostAsJsonAsync("/api/referral", new
        {
            regions = new[] { new { id = "chest-upper-left", intensity = 7 } },
            symptoms = new[] { "short of breath" },
        })).Content.ReadFromJsonAsync<JsonElement>();

        var warning = Assert.Single(body.GetProperty("warnings").EnumerateArray());
        Assert.Equal("chest-pain-breathlessness", warning.GetProperty("code").GetString());
        Assert.Equal("emergency", warning.GetProperty("urgency").GetString());
        Assert.Equal("chest-upper-left", warning.GetProperty("regions")[0].GetString());
    }

    [Fact]
    public async Task Every_unknown_region_id_is_named_in_a_422()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync("/api/referral", new
        {
            regions = new[] { new { id = "tempel-left", intensity = 6 }, new { id = "temple-left", intensity = 6 }, new { id = "elbow-middle", intensity = 2 } },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.Equal(["regions[0].id", "regions[2].id"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("'tempel-left'", errors.GetProperty("regions[0].id")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'elbow-middle'", errors.GetProperty("regions[2].id")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "regions")]
    [InlineData("""{"regions":[]}""", "regions")]
    [InlineData("""{"regions":[{"id":"temple-left"}]}""", "regions[0].intensity")]
    [InlineData("""{"regions":[{"id":"temple-left","intensity":12}]}""", "regions[0].intensity")]
    [InlineData("""{"regions":[{"id":"temple-left","intensity":3}],"symptoms":["a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a"]}""", "symptoms")]
    [InlineData("""{"regions":[{"id":"temple-left","intensity":3}],"activity":"skydiving"}""", "activity")]
    [InlineData("""{"regions":[{"id":"temple-left","intensity":3}],"duration":"decades"}""", "duration")]
    [InlineData("""{"regions":[null]}""", "regions[0]")]
    public async Task Invalid_queries_are_422_with_field_errors(string json, string field)
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsync("/api/referral", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors: {errors}");
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Free_words_are_read_and_unknown_ones_come_back_as_ignored_not_a_422(DatabaseProvider provider)
    {
        using var client = await ClientAsync(provider);

        using var response = await client.PostAsJsonAsync("/api/referral", new
        {
            regions = new[] { new { id = "buttock-lower-right", intensity = 6 }, new { id = "thigh-back-right", intensity = 5 } },
            symptoms = new[] { "Sciatica-like, shooting", "glowing", "no fever" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["glowing"], body.GetProperty("ignored").EnumerateArray().Select(i => i.GetString()));
        var recognised = body.GetProperty("recognised");
        Assert.Equal(["sharp"], recognised.GetProperty("symptoms").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["sciatica-like"], recognised.GetProperty("conditions").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("sciatica-like", recognised.GetProperty("complaints").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(
            [("Sciatica-like", "sciatica-like", "condition", false), ("shooting", "sharp", "symptom", false), ("fever", "fever", "red-flag", true)],
            recognised.GetProperty("terms").EnumerateArray().Select(t => (
                t.GetProperty("text").GetString(), t.GetProperty("id").GetString(), t.GetProperty("kind").GetString(), t.GetProperty("negated").GetBoolean())));
        Assert.Empty(body.GetProperty("warnings").EnumerateArray());
        Assert.NotEmpty(body.GetProperty("candidates").EnumerateArray());
    }

    [Fact]
    public async Task Red_flag_words_in_free_text_still_raise_warnings()
    {
        using var client = await ClientAsync();

        var body = await (await client.PostAsJsonAsync("/api/referral", new
        {
            regions = new[] { new { id = "calf-left", intensity = 6 } },
            symptoms = new[] { "my calf is Swollen and hot" },
        })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("suspected-dvt", Assert.Single(body.GetProperty("warnings").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(["swelling", "redness-warmth"], body.GetProperty("recognised").GetProperty("symptoms").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Only_absurd_amounts_of_symptom_text_are_a_422_on_the_field()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync("/api/referral", new
        {
            regions = new[] { new { id = "temple-left", intensity = 4 } },
            symptoms = new[] { new string('x', 1500), new string('y', 600) },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("symptoms", out _));
    }

    [Fact]
    public async Task The_new_ankle_regions_are_listed_and_answered()
    {
        using var client = await ClientAsync();

        var regions = await client.GetFromJsonAsync<JsonElement[]>("/api/body-map/regions");
        var body = await (await client.PostAsJsonAsync("/api/referral", new
        {
            regions = new[] { new { id = "ankle-back-left", intensity = 6 } },
        })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(
            ["ankle-back-left", "ankle-back-right", "ankle-front-left", "ankle-front-right"],
            regions!.Select(r => r.GetProperty("id").GetString()!).Where(id => id.StartsWith("ankle-front", StringComparison.Ordinal) || id.StartsWith("ankle-back", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains(body.GetProperty("candidates").EnumerateArray().Take(3), c => c.GetProperty("muscle").GetString() is "soleus" or "tibialis-posterior");
    }

    [Theory]
    [InlineData("{\"regions\": [")]
    [InlineData("{\"regions\": \"temple-left\"}")]
    [InlineData("{\"regions\": [{\"id\": \"temple-left\", \"intensity\": \"six\"}]}")]
    public async Task Malformed_json_is_a_400_problem_not_a_500(string json)
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsync("/api/referral", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_vocabulary_lists_symptoms_activities_and_durations()
    {
        using var client = await ClientAsync();

        var vocabulary = await client.GetFromJsonAsync<JsonElement>("/api/referral/vocabulary");

        Assert.Contains("numbness-tingling", vocabulary.GetProperty("symptoms").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var tennis = vocabulary.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "tennis-elbow-like");
        Assert.Equal("Tennis elbow", tennis.GetProperty("label").GetString());
        Assert.Equal("condition", tennis.GetProperty("kind").GetString());
        Assert.Contains("lateral epicondylitis", tennis.GetProperty("synonyms").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["tennis-elbow-like"], tennis.GetProperty("complaints").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("red-flag", vocabulary.GetProperty("symptoms").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "fever").GetProperty("kind").GetString());
        Assert.Equal(["most-likely", "also-possible", "less-likely"], vocabulary.GetProperty("bands").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.Contains("running", vocabulary.GetProperty("activities").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(["days", "weeks", "months", "years"], vocabulary.GetProperty("durations").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_referral_endpoints()
    {
        using var client = await ClientAsync();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/referral", out var referral));
        Assert.True(referral.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/body-map/regions", out _));
        Assert.True(paths.TryGetProperty("/api/muscles/{id}", out _));
        Assert.Contains("ignored", referral.GetProperty("post").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    // No database: the body-map list comes from the embedded atlas, and the limiter keys on the caller's address.
    [Fact]
    public async Task The_public_api_is_rate_limited_per_client()
    {
        var app = await apps.For(DatabaseProvider.Sqlite);
        await using var limited = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimits:AnonymousPermitsPerMinute", "3");
            // The test server has no remote address: give each caller the one its test header names.
            b.ConfigureServices(services => services.AddSingleton<IStartupFilter, CallerAddressFromHeader>());
        });
        using var first = limited.CreateClient();
        first.DefaultRequestHeaders.Add(CallerAddressFromHeader.Header, "203.0.113.1");
        using var second = limited.CreateClient();
        second.DefaultRequestHeaders.Add(CallerAddressFromHeader.Header, "203.0.113.2");

        async Task<HttpStatusCode> GetAsync(HttpClient client)
        {
            using var response = await client.GetAsync("/api/body-map/regions");
            return response.StatusCode;
        }

        var firstStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            firstStatuses.Add(await GetAsync(first));
        }

        var secondStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            secondStatuses.Add(await GetAsync(second));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], firstStatuses);
        // Another caller has a budget of its own, however much the first one used.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], secondStatuses);
        using var rejected = await first.GetAsync("/api/body-map/regions");
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.True(rejected.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After: {rejected.Headers.RetryAfter}");
    }
}
