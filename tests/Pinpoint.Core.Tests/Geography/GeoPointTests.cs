using Pinpoint.Core.Geography;

namespace Pinpoint.Core.Tests.Geography;

public sealed class GeoPointTests
{
    [Fact]
    public void Measures_great_circle_distance_between_two_suburbs()
    {
        var fitzroy = new GeoPoint(-37.7986, 144.9784);
        var frankston = new GeoPoint(-38.1440, 145.1230);

        // Cross-checked with an independent haversine calculation: 40.44 km.
        Assert.Equal(40.44, fitzroy.DistanceKmTo(frankston), precision: 1);
        Assert.Equal(fitzroy.DistanceKmTo(frankston), frankston.DistanceKmTo(fitzroy), precision: 9);
        Assert.Equal(0, fitzroy.DistanceKmTo(fitzroy));
    }

    [Fact]
    public void Is_correct_across_the_antimeridian()
    {
        var west = new GeoPoint(0, 179.5);
        var east = new GeoPoint(0, -179.5);

        Assert.Equal(111.2, west.DistanceKmTo(east), precision: 1);
    }

    [Theory]
    [InlineData(90.0001, 0)]
    [InlineData(-91, 0)]
    [InlineData(0, 180.5)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, double.PositiveInfinity)]
    public void Rejects_coordinates_off_the_globe(double latitude, double longitude) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeoPoint(latitude, longitude));
}
