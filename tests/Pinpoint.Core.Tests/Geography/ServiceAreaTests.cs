using System.Text;
using Pinpoint.Core.Geography;

namespace Pinpoint.Core.Tests.Geography;

public sealed class ServiceAreaTests
{
    private static readonly ServiceAreas Areas = ServiceAreas.Embedded;

    private const string Ponsonby = """{ "places": [{ "name": "Ponsonby", "postcode": "1011", "latitude": -36.85, "longitude": 174.745 }] }""";

    private static ServiceAreas Load(string areas, string gazetteer = Ponsonby) =>
        ServiceAreaLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(areas)), _ => new MemoryStream(Encoding.UTF8.GetBytes(gazetteer)));

    private static string Area(string key = "auckland", string zone = "Pacific/Auckland", string currency = "NZD", string bounds = """{ "south": -37.2, "west": 174.5, "north": -36.6, "east": 175.0 }""") =>
        $$"""{ "key": "{{key}}", "name": "Auckland", "region": "Auckland", "timeZone": "{{zone}}", "currency": "{{currency}}", "bounds": {{bounds}}, "gazetteer": "g.json" }""";

    [Fact]
    public void The_embedded_areas_are_the_five_cities_with_their_zones_and_currencies()
    {
        Assert.Equal(
            ["melbourne Australia/Melbourne AUD", "sydney Australia/Sydney AUD", "brisbane Australia/Brisbane AUD", "perth Australia/Perth AUD", "auckland Pacific/Auckland NZD"],
            Areas.All.Select(a => $"{a.Key} {a.Zone.Id} {a.Currency}"));
        Assert.All(Areas.All.Skip(1), a => Assert.InRange(a.Gazetteer.Places.Count(), 15, 40));
        Assert.All(Areas.All, a => Assert.All(a.Gazetteer.Places, p => Assert.True(a.Contains(p.Point), $"{p.Name} is outside {a.Key}")));
    }

    [Theory]
    [InlineData("12 Rokeby Rd, Subiaco WA 6008", "Subiaco", "perth", "Australia/Perth", "AUD")]
    [InlineData("3 High St, Fremantle", "Fremantle", "perth", "Australia/Perth", "AUD")]
    [InlineData("40 Ponsonby Road, Ponsonby, Auckland 1011, New Zealand", "Ponsonby", "auckland", "Pacific/Auckland", "NZD")]
    [InlineData("0622", "Takapuna", "auckland", "Pacific/Auckland", "NZD")]
    [InlineData("1 Crown St, Surry Hills NSW 2010", "Surry Hills", "sydney", "Australia/Sydney", "AUD")]
    [InlineData("New Farm QLD", "New Farm", "brisbane", "Australia/Brisbane", "AUD")]
    [InlineData("12 Johnston St, Fitzroy VIC 3065", "Fitzroy", "melbourne", "Australia/Melbourne", "AUD")]
    public void An_address_resolves_to_its_suburb_and_that_suburbs_area_zone_and_currency(string address, string suburb, string area, string zone, string currency)
    {
        var place = Areas.Gazetteer.Search(address).First();
        var found = Areas.Containing(place.Point);

        Assert.Equal(suburb, place.Name);
        Assert.NotNull(found);
        Assert.Equal((area, zone, currency), (found.Key, found.Zone.Id, found.Currency));
    }

    [Fact]
    public void The_same_suburb_name_in_two_cities_is_told_apart_by_its_postcode()
    {
        Assert.Equal("sydney", Areas.Containing(Areas.Gazetteer.Search("Paddington 2021").Single().Point)?.Key);
        Assert.Equal("brisbane", Areas.Containing(Areas.Gazetteer.Search("Paddington 4064").Single().Point)?.Key);
    }

    [Theory]
    [InlineData(-35.2809, 149.1300)] // Canberra
    [InlineData(-41.2865, 174.7762)] // Wellington
    [InlineData(51.5072, -0.1276)] // London
    public void A_point_outside_every_area_is_in_none(double latitude, double longitude) =>
        Assert.Null(Areas.Containing(new GeoPoint(latitude, longitude)));

    [Fact]
    public void A_well_formed_file_loads()
    {
        var areas = Load($$"""{ "areas": [{{Area()}}] }""");

        Assert.Equal("Pacific/Auckland", Assert.Single(areas.All).Zone.Id);
    }

    [Fact]
    public void The_loader_rejects_a_zone_id_the_tz_database_does_not_know()
    {
        var e = Assert.Throws<ServiceAreaException>(() => Load($$"""{ "areas": [{{Area(zone: "Pacific/Atlantis")}}] }"""));

        Assert.Contains(e.Problems, p => p.Contains("'Pacific/Atlantis' is not an IANA time zone id", StringComparison.Ordinal));
    }

    [Fact]
    public void The_loader_rejects_a_key_used_twice()
    {
        var e = Assert.Throws<ServiceAreaException>(() => Load($$"""{ "areas": [{{Area()}}, {{Area()}}] }"""));

        Assert.Equal(["Area 'auckland': the key is used twice."], e.Problems);
    }

    [Fact]
    public void The_loader_rejects_a_suburb_outside_its_areas_bounds()
    {
        var e = Assert.Throws<ServiceAreaException>(() =>
            Load($$"""{ "areas": [{{Area(bounds: """{ "south": -37.2, "west": 174.8, "north": -36.6, "east": 175.0 }""")}}] }"""));

        Assert.Contains(e.Problems, p => p.Contains("Ponsonby 1011", StringComparison.Ordinal) && p.Contains("outside its bounds", StringComparison.Ordinal));
    }

    [Fact]
    public void The_loader_reports_every_problem_at_once()
    {
        var e = Assert.Throws<ServiceAreaException>(() => Load($$"""{ "areas": [{{Area(zone: "Nowhere/At_All", currency: "dollars")}}] }"""));

        Assert.Equal(2, e.Problems.Count);
    }
}
