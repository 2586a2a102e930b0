using NodaTime;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Core.Tests.Scheduling;

public sealed class TravelTimeTests
{
    private static readonly GeoPoint Fitzroy = new(-37.7986, 144.9784);
    private static readonly GeoPoint Carlton = new(-37.8001, 144.9671);
    private static readonly GeoPoint Frankston = new(-38.1440, 145.1230);

    [Fact]
    public void Driving_time_is_road_distance_over_speed_plus_the_parking_allowance_rounded_up()
    {
        var model = new CircuityTravelTimeModel(circuity: 1.3, averageSpeedKmh: 32, fixedOverhead: Duration.FromMinutes(5));
        var km = Fitzroy.DistanceKmTo(Frankston) * 1.3;

        var estimate = model.Estimate(Fitzroy, Frankston);

        Assert.Equal(Duration.FromMinutes(Math.Ceiling((km / 32 * 60) + 5)), estimate);
        Assert.InRange(estimate.TotalMinutes, 90, 110); // ~40 km across the city: an hour and a half
    }

    [Fact]
    public void The_same_place_takes_no_time_and_neighbours_take_a_few_minutes()
    {
        var model = new CircuityTravelTimeModel();

        Assert.Equal(Duration.Zero, model.Estimate(Fitzroy, Fitzroy));
        Assert.InRange(model.Estimate(Fitzroy, Carlton).TotalMinutes, 6, 10);
    }

    [Fact]
    public void Estimates_are_symmetric_and_grow_with_distance()
    {
        var model = new CircuityTravelTimeModel();

        Assert.Equal(model.Estimate(Fitzroy, Frankston), model.Estimate(Frankston, Fitzroy));
        Assert.True(model.Estimate(Fitzroy, Carlton) < model.Estimate(Fitzroy, Frankston));
    }

    [Fact]
    public void Reach_is_the_radius_the_estimate_fits_into()
    {
        var model = new CircuityTravelTimeModel();
        var reach = model.ReachKm(Duration.FromMinutes(45));
        var edge = new GeoPoint(Fitzroy.Latitude - (reach * 0.999 / 111.2), Fitzroy.Longitude);

        Assert.True(model.Estimate(Fitzroy, edge) <= Duration.FromMinutes(46));
        Assert.Equal(0, model.ReachKm(Duration.FromMinutes(3)));
    }

    [Theory]
    [InlineData(0.9, 32)]
    [InlineData(1.3, 0)]
    [InlineData(1.3, 200)]
    [InlineData(double.NaN, 32)]
    public void Nonsense_parameters_are_rejected(double circuity, double speed)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CircuityTravelTimeModel(circuity, speed));
    }
}
