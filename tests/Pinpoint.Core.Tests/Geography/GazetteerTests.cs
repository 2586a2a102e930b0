using Pinpoint.Core.Geography;

namespace Pinpoint.Core.Tests.Geography;

public sealed class GazetteerTests
{
    private static readonly Gazetteer Melbourne = ServiceAreas.Embedded.Find("melbourne")!.Gazetteer;
    private static readonly GazetteerGeocoder Geocoder = new(Melbourne);

    [Fact]
    public void The_melbourne_gazetteer_loads_with_hundreds_of_suburbs_in_the_area()
    {
        var places = Melbourne.Places.ToList();

        Assert.True(places.Count >= 200, $"{places.Count} places");
        Assert.All(places, p =>
        {
            Assert.Matches("^3[0-9]{3}$", p.Postcode);
            Assert.InRange(p.Point.Latitude, -38.5, -37.4);
            Assert.InRange(p.Point.Longitude, 144.4, 145.6);
        });
        Assert.Equal(places.Count, places.Select(p => (p.Name, p.Postcode)).Distinct().Count());
    }

    [Theory]
    [InlineData("12 Johnston St, Fitzroy VIC 3065", "Fitzroy")]
    [InlineData("fitzroy", "Fitzroy")]
    [InlineData("1/40 Toorak Rd, South Yarra 3141", "South Yarra")]
    [InlineData("Saint Kilda", "St Kilda")]
    [InlineData("3150", "Glen Waverley")]
    [InlineData("glen wav", "Glen Waverley")]
    [InlineData("45 Brunswick Street, Fitzroy", "Fitzroy")]
    [InlineData("45 Brunswick St Fitzroy 3065", "Fitzroy")]
    [InlineData("10 Fitzroy Street, St Kilda", "St Kilda")]
    [InlineData("2 Richmond Tce, Richmond", "Richmond")]
    [InlineData("Brunswick", "Brunswick")]
    public void Finds_a_suburb_in_what_people_type(string text, string suburb)
    {
        var first = Melbourne.Search(text).First();

        Assert.Equal(suburb, first.Name);
    }

    [Fact]
    public void A_postcode_narrows_a_name_and_a_shared_postcode_lists_every_suburb()
    {
        var richmond = Melbourne.Search("3121");

        Assert.Contains(richmond, p => p.Name == "Richmond");
        Assert.True(richmond.Count >= 2);
        Assert.All(richmond, p => Assert.Equal("3121", p.Postcode));
        Assert.Equal("Point Cook", Melbourne.Search("Point Cook 3030").Single().Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Atlantis")]
    [InlineData("x")]
    public void Nothing_matches_nonsense(string text)
    {
        Assert.Empty(Melbourne.Search(text));
    }

    [Fact]
    public async Task Typed_coordinates_become_a_point_near_a_suburb()
    {
        var match = Assert.Single(await Geocoder.SearchAsync("-37.7986, 144.9784", 5, CancellationToken.None));

        Assert.Equal(new GeoPoint(-37.7986, 144.9784), match.Point);
        Assert.Equal("Fitzroy", match.Suburb);
        Assert.Contains("near Fitzroy", match.Label, StringComparison.Ordinal);
        Assert.Equal(GazetteerGeocoder.SourceName, match.Source);
    }

    [Theory]
    [InlineData("-37.8 144.9", true)]
    [InlineData("-37.8,144.9", true)]
    [InlineData("-137.8, 144.9", false)]
    [InlineData("-37.8, 244.9", false)]
    [InlineData("37.8 south", false)]
    public void Coordinates_are_read_only_when_they_are_coordinates(string text, bool ok)
    {
        Assert.Equal(ok, Gazetteer.TryParseCoordinates(text, out _));
    }

    [Fact]
    public async Task The_geocoder_labels_suburbs_with_state_and_postcode()
    {
        var matches = await Geocoder.SearchAsync("Box Hill", 3, CancellationToken.None);

        Assert.Equal("Box Hill VIC 3128", matches[0].Label);
        Assert.True(matches.Count <= 3);
    }
}
