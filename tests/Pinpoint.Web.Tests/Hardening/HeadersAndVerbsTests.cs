using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Hardening;

/// <summary>What every response says about itself, and what the app refuses before doing any work.</summary>
public sealed class HeadersAndVerbsTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Every_page_carries_a_content_security_policy_without_inline_script(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/");

        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline'; img", policy.Split("script-src")[1].Split(';')[0] + "; img", StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Personal_and_health_answers_are_never_cached(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = await app.ClientForAsync("client@pinpoint.test");

        foreach (var path in new[] { "/api/intake", "/api/bookings", "/api/me/export", "/bookings", "/progress" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path}: Cache-Control {response.Headers.CacheControl}");
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_state_changing_api_call_in_a_forms_content_type_is_refused_before_any_work(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = await app.ClientForAsync("client@pinpoint.test");
        var before = await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.CountAsync());

        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x" })
        {
            using var content = new StringContent("{\"modality\":\"myofascial\"}", Encoding.UTF8);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
            using var response = await client.PostAsync("/api/bookings", content);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var json = await client.PostAsJsonAsync("/api/bookings", new { modality = "myofascial" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, json.StatusCode); // JSON is read, and its gaps are named
        Assert.Equal(before, await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.CountAsync()));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_post_to_a_page_that_only_shows_something_is_405_with_the_friendly_page(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var admin = await app.ClientForAsync("admin@pinpoint.test");

        using var response = await admin.SubmitAsync("/admin/outcomes", new Dictionary<string, string> { ["x"] = "1" });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", string.Join(',', response.Content.Headers.Allow), StringComparison.Ordinal);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Moving_someone_elses_booking_through_the_form_is_not_found_and_changes_nothing(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var theirs = await app.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            var clientId = await db.Users.Where(u => u.Email == "client@pinpoint.test").Select(u => u.Id).SingleAsync();
            return await db.Bookings.Where(b => b.ClientUserId != clientId && b.Start != null).Select(b => new { b.Id, b.Start }).FirstAsync();
        });
        using var client = await app.ClientForAsync("client@pinpoint.test");

        using var response = await client.SubmitAsync("/bookings", new Dictionary<string, string> { ["start"] = "2026-12-01T10:00:00+11:00" },
            postPath: $"/bookings/{theirs.Id}/move");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(theirs.Start, await app.Scoped(s => s.GetRequiredService<PinpointDb>().Bookings.Where(b => b.Id == theirs.Id).Select(b => b.Start).SingleAsync()));
    }
}
