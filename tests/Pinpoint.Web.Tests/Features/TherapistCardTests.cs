using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Reviews;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Therapist cards: a portrait (or the uploaded photo), the rating and review count, a Book button; the day strip of the times.</summary>
public sealed class TherapistCardTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static Task<List<(Guid Id, string Name)>> TherapistsAsync(PinpointApp app) =>
        app.Scoped(async s => (await s.GetRequiredService<PinpointDb>().Therapists.AsNoTracking().OrderBy(t => t.DisplayName)
            .Select(t => new { t.Id, t.DisplayName }).ToListAsync()).Select(t => (t.Id, t.DisplayName)).ToList());

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_portrait_is_an_svg_that_is_the_same_every_time_and_differs_between_therapists(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var anonymous = app.CreateClient();
        var therapists = await TherapistsAsync(app);

        using var first = await anonymous.GetAsync($"/therapists/{therapists[0].Id}/photo.svg");
        var again = await anonymous.GetStringAsync($"/therapists/{therapists[0].Id}/photo.svg");
        var others = await Task.WhenAll(therapists.Skip(1).Take(8).Select(t => anonymous.GetStringAsync($"/therapists/{t.Id}/photo.svg")));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/svg+xml", first.Content.Headers.ContentType?.MediaType);
        Assert.Contains("max-age=", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.NotNull(first.Headers.ETag);
        var svg = await first.Content.ReadAsStringAsync();
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal("img", root.Attribute("role")?.Value);
        Assert.Equal($"Illustrated portrait of {therapists[0].Name}", root.Elements().First(e => e.Name.LocalName == "title").Value);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(svg, again);
        Assert.All(others, other => Assert.NotEqual(Regex.Replace(svg, "<title.*?</title>", ""), Regex.Replace(other, "<title.*?</title>", "")));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/therapists/{Guid.NewGuid()}/photo.svg")).StatusCode);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/therapists/{therapists[0].Id}/photo.svg");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(conditional)).StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_directory_shows_each_therapists_photo_rating_review_count_and_a_book_button(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var anonymous = app.CreateClient();
        var ratings = await app.Scoped(async s => await s.GetRequiredService<PinpointDb>().Set<Review>().AsNoTracking()
            .GroupBy(r => r.TherapistId).Select(g => new { g.Key, Count = g.Count(), Average = g.Average(r => (double)r.Rating) }).ToListAsync());
        var rated = ratings.OrderByDescending(r => r.Count).First();

        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/therapists"));

        var card = Regex.Match(page, $"<li class=\"therapist-card\" data-therapist=\"{rated.Key}\">(.*?)</li>\\s*</ul>\\s*<div class=\"therapist-actions\">(.*?)</div>", RegexOptions.Singleline);
        Assert.True(card.Success, "no card for the most reviewed therapist");
        Assert.Matches($"<img class=\"therapist-photo\" src=\"/therapists/{rated.Key}/photo.svg\\?v=\\w+\" alt=\"Illustrated portrait of [^\"]+\"", card.Value);
        Assert.Contains($"<span class=\"rating-value\">{Math.Round(rated.Average, 1).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}</span>", card.Value, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"rating-count\">{rated.Count} reviews</span>", card.Value, StringComparison.Ordinal);
        Assert.Contains("data-modality=", card.Value, StringComparison.Ordinal);
        Assert.Matches($"href=\"/book\\?therapist={rated.Key}&modality=[a-z-]+\" data-testid=\"book-therapist\"", card.Value);
        Assert.Contains("New — no reviews yet", page, StringComparison.Ordinal);
        Assert.True(ratings.Count >= 10, $"only {ratings.Count} therapists have reviews");

        var profile = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/therapists/{rated.Key}"));
        Assert.Contains($"<span class=\"rating-count\">{rated.Count} reviews</span>", profile, StringComparison.Ordinal);
        Assert.Matches($"href=\"/book\\?therapist={rated.Key}&modality=[a-z-]+\" data-testid=\"book-therapist\"", profile);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_day_strip_links_each_day_keeping_every_other_choice_and_marks_the_chosen_one(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var anonymous = app.CreateClient();

        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync(
            "/book/slots?modality=myofascial&minutes=75&address=Carlton&date=2026-11-27&gender=female&regions=temple-left:6"));

        var strip = Regex.Match(page, "<nav class=\"day-strip\".*?</nav>", RegexOptions.Singleline).Value;
        var links = Regex.Matches(strip, "<a href=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.InRange(links.Count, 7, 14);
        Assert.All(links, link =>
        {
            Assert.StartsWith("/book/slots?", link, StringComparison.Ordinal);
            foreach (var kept in new[] { "modality=myofascial", "minutes=75", "address=Carlton", "gender=female", "regions=temple-left%3A6" })
            {
                Assert.Contains(kept, link, StringComparison.Ordinal);
            }
        });
        Assert.Contains("date=2026-11-24", links[0], StringComparison.Ordinal);
        Assert.Single(Regex.Matches(strip, "aria-current=\"date\""));
        Assert.Matches("href=\"[^\"]*date=2026-11-27\" aria-current=\"date\"", strip);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Each_time_shows_the_best_fit_therapists_picture_and_rating_and_a_chosen_therapist_comes_first(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var anonymous = app.CreateClient();
        var maya = await app.TherapistIdAsync(SignIn.TherapistEmail);

        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/book/slots?modality=myofascial&minutes=60&address=Carlton&date=2026-11-27"));
        var withMaya = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/book/slots?modality=myofascial&minutes=60&address=Carlton&date=2026-11-27&therapist={maya}"));

        Assert.Matches("<img class=\"avatar\" src=\"/therapists/[0-9a-f-]+/photo.svg\\?v=\\w+\" alt=\"\"", page);
        Assert.Contains("data-testid=\"stars\"", page, StringComparison.Ordinal);
        var firsts = Regex.Matches(withMaya, "<strong>\\d+:\\d\\d [AP]M</strong>.*?<span class=\"slot-therapist\">.*?href=\"/therapists/([0-9a-f-]+)\"", RegexOptions.Singleline)
            .Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(firsts);
        Assert.All(firsts, id => Assert.Equal(maya, id));
        Assert.Contains("data-testid=\"chosen-therapist\">Times with <strong>Maya Robinson</strong>", withMaya, StringComparison.Ordinal);
    }
}
