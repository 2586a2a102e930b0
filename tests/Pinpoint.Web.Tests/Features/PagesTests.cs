using System.Net;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

public sealed class PagesTests(AppsFixture apps) : IClassFixture<AppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_front_page_explains_referred_pain_and_presents_the_four_modalities(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("referred pain", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("your home", html, StringComparison.OrdinalIgnoreCase);
        foreach (var (name, slug) in new[]
                 {
                     ("Myofascial Trigger Point Therapy", "myofascial"), ("Neuromuscular Therapy", "neuromuscular"),
                     ("Sports Trigger Point Therapy", "sports"), ("Clinical Trigger Point Therapy", "clinical"),
                 })
        {
            Assert.Contains(name, html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/modalities/{slug}\"", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Each_modality_has_a_page_with_its_prices(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/modalities/clinical");

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("Clinical Trigger Point Therapy", html, StringComparison.Ordinal);
        Assert.Contains("$255", html, StringComparison.Ordinal); // the 120-minute price from the catalogue
        Assert.Contains("120", html, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_unknown_modality_page_is_404(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/modalities/reiki");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_what_to_expect_page_sets_expectations_about_pressure_and_several_sessions(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/what-to-expect");

        Assert.Contains("gentle", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("sessions", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("desk", html, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class StaticAssetTests(AppsFixture apps) : IClassFixture<AppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_stylesheet_linked_from_the_layout_is_served(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/");
        var href = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/css/site[^\"]*)\"").Groups[1].Value;
        Assert.NotEmpty(href);

        // Browsers ask for compressed assets, which are served from a different file than the plain one.
        using var request = new HttpRequestMessage(HttpMethod.Get, System.Net.WebUtility.HtmlDecode(href));
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var css = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.True((await css.Content.ReadAsByteArrayAsync()).Length > 1000);
    }
}
