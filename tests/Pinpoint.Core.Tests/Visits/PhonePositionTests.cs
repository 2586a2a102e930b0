using Pinpoint.Core.Visits;

namespace Pinpoint.Core.Tests.Visits;

public sealed class PhonePositionTests
{
    [Fact]
    public void A_position_on_the_globe_with_a_sane_accuracy_is_usable()
    {
        Assert.Empty(PhonePosition.Problems(-37.8, 144.96, 12.5));
        Assert.Empty(PhonePosition.Problems(null, null, null));
        var position = new PhonePosition(-90, 180, 0);
        Assert.Equal(-90, position.Point.Latitude);
    }

    [Theory]
    [InlineData(double.NaN, 144.9, null, "latitude")]
    [InlineData(-37.8, double.PositiveInfinity, null, "longitude")]
    [InlineData(91.0, 144.9, null, "latitude")]
    [InlineData(-37.8, -181.0, null, "longitude")]
    [InlineData(-37.8, 144.9, -1.0, "accuracy")]
    [InlineData(-37.8, 144.9, double.NaN, "accuracy")]
    [InlineData(-37.8, 144.9, 1e9, "accuracy")]
    [InlineData(-37.8, null, null, "longitude")]
    [InlineData(null, 144.9, null, "latitude")]
    [InlineData(null, null, 10.0, "accuracy")]
    public void Anything_else_names_the_field(double? latitude, double? longitude, double? accuracy, string field)
    {
        Assert.Contains(field, PhonePosition.Problems(latitude, longitude, accuracy).Keys);
        if (latitude is { } lat && longitude is { } lon)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new PhonePosition(lat, lon, accuracy));
        }
    }
}
