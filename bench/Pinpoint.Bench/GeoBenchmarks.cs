using BenchmarkDotNet.Attributes;
using Pinpoint.Core.Geography;

namespace Pinpoint.Bench;

/// <summary>Great-circle distance sits under every travel-time estimate, so it must stay cheap.</summary>
[MemoryDiagnoser]
public class GeoBenchmarks
{
    private readonly GeoPoint _fitzroy = new(-37.7986, 144.9784);
    private readonly GeoPoint _frankston = new(-38.1440, 145.1230);

    [Benchmark]
    public double Haversine() => _fitzroy.DistanceKmTo(_frankston);
}
