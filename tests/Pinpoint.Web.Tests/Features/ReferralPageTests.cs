using System.Net;
using System.Text.RegularExpressions;
using Pinpoint.Core.Anatomy;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.BodyMap;
using Pinpoint.Web.Features.Referral;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>
/// The drawing, an empty page and a selection the page refuses never reach the database, so those tests are facts; a
/// selection that is answered (or the booking page) reads the catalogue and runs on every database.
/// </summary>
public sealed partial class ReferralPageTests(AppsFixture apps) : IClassFixture<AppsFixture>
{
    private async Task<HttpClient> ClientAsync(DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        (await apps.For(provider)).CreateClient();

    [Fact]
    public void The_drawing_has_one_closed_shape_for_every_region_and_no_others()
    {
        var shapes = BodyMapShapes.Load();

        Assert.Empty(shapes.Problems(Atlas.Default));
        Assert.Equal(Atlas.Default.Regions.Count, shapes.Regions.Count);
    }

    [Fact]
    public void Shape_problems_are_reported()
    {
        var atlas = Atlas.Default;
        var shapes = BodyMapShapes.Load();
        var broken = (BodyMapShapes)typeof(BodyMapShapes)
            .GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)[0]
            .Invoke([shapes.ViewBox, new Dictionary<string, string> { ["front"] = "M0 0Z" },
                shapes.Regions.Where(r => r.Key != "sacrum").Append(new("tail", "M0 0 L1 1")).ToDictionary()]);

        Assert.Equal(
            ["region 'sacrum' has no shape", "shape 'tail' is not a region of the atlas", "shape 'tail' is not a closed path", "no outline for the back view"],
            broken.Problems(atlas));
    }

    [Fact]
    public async Task The_page_draws_every_region_once_with_its_name_for_screen_readers()
    {
        using var client = await ClientAsync();

        var html = await client.GetStringAsync("/where-does-it-hurt");

        var paths = RegionPath().Matches(html).Select(m => (Id: m.Groups["id"].Value, Label: WebUtility.HtmlDecode(m.Groups["label"].Value))).ToList();
        Assert.Equal(Atlas.Default.Regions.Select(r => r.Id).Order(StringComparer.Ordinal), paths.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.All(paths, p => Assert.Equal(Atlas.Default.FindRegion(p.Id)!.Label, p.Label));
        Assert.Contains("data-testid=\"referral-empty\"", html, StringComparison.Ordinal);
        // Without script the list of regions is a plain form.
        Assert.Equal(Atlas.Default.Regions.Count, Regex.Matches(html, "<input type=\"checkbox\" name=\"r\"").Count);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_selection_in_the_address_is_marked_and_answered_on_the_server(DatabaseProvider provider)
    {
        using var client = await ClientAsync(provider);

        var html = await client.GetStringAsync("/where-does-it-hurt?regions=heel-left:7&activity=running");

        Assert.Matches("data-region=\"heel-left\"[^>]*aria-checked=\"true\"", html);
        Assert.Contains("data-muscle=\"soleus\"", html, StringComparison.Ordinal);
        Assert.Contains("data-modality=\"sports\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/book?regions=heel-left%3A7&amp;activity=running&amp;modality=sports\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_no_script_form_of_ticked_regions_works(DatabaseProvider provider)
    {
        using var client = await ClientAsync(provider);

        var html = await client.GetStringAsync("/where-does-it-hurt?r=temple-right&r=back-of-neck-right&symptoms=headache");

        Assert.Contains("data-muscle=\"upper-trapezius\" data-side=\"right\"", html, StringComparison.Ordinal);
        Assert.Matches("value=\"temple-right\" checked", html);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Free_words_are_read_back_and_candidates_carry_bands_and_reasons_not_percentages(DatabaseProvider provider)
    {
        using var client = await ClientAsync(provider);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(
            "/where-does-it-hurt?regions=elbow-outer-right:6,forearm-back-right:3&symptoms=headache,Tennis%20elbow,glowing"));

        Assert.Contains("data-term=\"tennis-elbow-like\"", html, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"ignored-words\">.*“glowing”", html);
        // A box's own id ticks the box; the rest stays in the words box as typed.
        Assert.Matches("value=\"headache\" checked", html);
        Assert.Contains("value=\"Tennis elbow, glowing\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"band-key\"", html, StringComparison.Ordinal);
        Assert.Matches("data-band=\"most-likely\"", html);
        Assert.Matches("data-testid=\"candidate-reason\">Explains (the outside of your right elbow|the back of your right forearm)", html);
        Assert.DoesNotMatch(@"\d%</span>", html);
        Assert.DoesNotContain("data-testid=\"referral-errors\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/where-does-it-hurt?regions=tempel-left:6")]
    [InlineData("/where-does-it-hurt?regions=temple-left:lots")]
    [InlineData("/where-does-it-hurt?regions=temple-left:6&duration=forever")]
    [InlineData("/where-does-it-hurt?regions=temple-left:6&activity=skydiving")]
    public async Task A_bad_address_shows_the_problem_on_the_page_not_an_error_page(string url)
    {
        using var client = await ClientAsync();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"referral-errors\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"candidate\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_results_fragment_is_422_for_a_bad_selection_and_200_otherwise(DatabaseProvider provider)
    {
        using var client = await ClientAsync(provider);

        using var bad = await client.GetAsync("/where-does-it-hurt?handler=results&regions=nowhere:3");
        using var good = await client.GetAsync("/where-does-it-hurt?handler=results&regions=calf-right:5&symptoms=swelling");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("'nowhere'", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var fragment = await good.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", fragment, StringComparison.Ordinal);
        Assert.Contains("data-code=\"suspected-dvt\"", fragment, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_emergency_pauses_booking_on_the_page(DatabaseProvider provider)
    {
        using var client = await ClientAsync(provider);

        var html = await client.GetStringAsync("/where-does-it-hurt?regions=chest-upper-left:7&symptoms=breathlessness");

        Assert.Contains("data-testid=\"book-blocked\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"book-session\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Booking_keeps_the_selection_and_the_chosen_therapy(DatabaseProvider provider)
    {
        using var client = await ClientAsync(provider);

        var html = await client.GetStringAsync("/book?regions=temple-left%3A6%2Cback-of-neck-left%3A4&symptoms=headache&activity=desk&modality=neuromuscular");

        Assert.Contains("data-region=\"temple-left\">Left temple", html, StringComparison.Ordinal);
        Assert.Contains("data-region=\"back-of-neck-left\">Left back of the neck", html, StringComparison.Ordinal);
        Assert.Matches("value=\"neuromuscular\" checked", html);
        Assert.Contains("Upper trapezius (left)", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/where-does-it-hurt?regions=temple-left%3A6%2Cback-of-neck-left%3A4&amp;symptoms=headache&amp;activity=desk\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Booking_with_a_bad_therapy_or_region_explains_it(DatabaseProvider provider)
    {
        using var client = await ClientAsync(provider);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/book?regions=elbow-middle:3&modality=reiki"));

        Assert.Contains("'elbow-middle'", html, StringComparison.Ordinal);
        Assert.Contains("'reiki'", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("temple-left:6,back-of-neck-left:4", "headache,numbness", "desk", "weeks")]
    [InlineData("sacrum:0", "", null, null)]
    public void A_selection_survives_the_round_trip_through_its_address(string regions, string symptoms, string? activity, string? duration)
    {
        var selection = PainSelection.Parse(regions, null, symptoms, activity, duration, out var errors);
        Assert.Empty(errors);

        var query = System.Web.HttpUtility.ParseQueryString(selection.ToQueryString());
        var again = PainSelection.Parse(query["regions"], null, query["symptoms"], query["activity"], query["duration"], out errors);

        Assert.Empty(errors);
        Assert.Equal(selection.Regions, again.Regions);
        Assert.Equal(selection.Symptoms, again.Symptoms);
        Assert.Equal(selection.Activity, again.Activity);
        Assert.Equal(selection.Duration, again.Duration);
    }

    [GeneratedRegex("<path class=\"region[^\"]*\" d=\"[^\"]+\" data-region=\"(?<id>[a-z0-9-]+)\"\\s+role=\"checkbox\" aria-checked=\"(true|false)\" aria-label=\"(?<label>[^\"]+)\"")]
    private static partial Regex RegionPath();
}
