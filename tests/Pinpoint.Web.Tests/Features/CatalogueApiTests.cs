using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

public sealed class CatalogueApiTests(AppsFixture apps) : IClassFixture<AppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Lists_the_four_modalities_in_order_with_a_price_for_every_session_length(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();

        var modalities = await client.GetFromJsonAsync<JsonElement[]>("/api/modalities");

        Assert.NotNull(modalities);
        Assert.Equal(["myofascial", "neuromuscular", "sports", "clinical"], modalities.Select(m => m.GetProperty("id").GetString()));
        Assert.Contains(modalities, m => m.GetProperty("name").GetString() == "Neuromuscular Therapy (NMT)");
        foreach (var modality in modalities)
        {
            Assert.False(string.IsNullOrWhiteSpace(modality.GetProperty("description").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(modality.GetProperty("suitsWho").GetString()));
            var prices = modality.GetProperty("prices").EnumerateArray().ToList();
            Assert.Equal([60, 75, 90, 120], prices.Select(p => p.GetProperty("durationMinutes").GetInt32()));
            Assert.All(prices, p => Assert.Equal("AUD", p.GetProperty("currency").GetString()));
            var amounts = prices.Select(p => p.GetProperty("amount").GetDecimal()).ToList();
            Assert.Equal(amounts.Order(), amounts); // a longer session never costs less
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Gets_one_modality_by_slug_case_insensitively(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();

        var sports = await client.GetFromJsonAsync<JsonElement>("/api/modalities/Sports");

        Assert.Equal("sports", sports.GetProperty("id").GetString());
        Assert.Equal("Sports Trigger Point Therapy", sports.GetProperty("name").GetString());
        Assert.Equal(130m, sports.GetProperty("prices")[0].GetProperty("amount").GetDecimal());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task An_unknown_modality_is_a_404_problem_naming_the_known_ones(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/modalities/reiki");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("Unknown modality", problem.GetProperty("title").GetString());
        Assert.Contains("'reiki'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("neuromuscular", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
