namespace Pinpoint.Core.Visits;

/// <summary>
/// Where the therapist's phone says it is, as the browser's geolocation reports it: latitude and longitude in degrees
/// (WGS 84) and, when the phone gives one, the radius in metres it is sure of. Validated here, so a NaN, an infinity or a
/// point off the globe never reaches a travel estimate or the database.
/// </summary>
public sealed record PhonePosition
{
    /// <summary>A phone that claims to be unsure by more than this is not telling us where it is (100 km).</summary>
    public const double MaxAccuracyMetres = 100_000;

    public PhonePosition(double latitude, double longitude, double? accuracyMetres = null)
    {
        if (Problems(latitude, longitude, accuracyMetres) is { Count: > 0 } problems)
        {
            throw new ArgumentOutOfRangeException(problems.Keys.First(), problems.Values.First());
        }

        Latitude = latitude;
        Longitude = longitude;
        AccuracyMetres = accuracyMetres;
    }

    public double Latitude { get; }

    public double Longitude { get; }

    /// <summary>The phone's own error radius in metres, when it gave one.</summary>
    public double? AccuracyMetres { get; }

    public Geography.GeoPoint Point => new(Latitude, Longitude);

    /// <summary>
    /// What is wrong with a position as a phone sent it, keyed like its JSON fields (<c>latitude</c>, <c>longitude</c>,
    /// <c>accuracy</c>); empty when it is usable. Latitude and longitude come together or not at all.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Problems(double? latitude, double? longitude, double? accuracyMetres)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (latitude is null != longitude is null)
        {
            problems[latitude is null ? "latitude" : "longitude"] = "Send latitude and longitude together, or neither.";
        }

        if (latitude is { } lat && !(double.IsFinite(lat) && lat is >= -90 and <= 90))
        {
            problems["latitude"] = "Latitude is a number of degrees from -90 to 90.";
        }

        if (longitude is { } lon && !(double.IsFinite(lon) && lon is >= -180 and <= 180))
        {
            problems["longitude"] = "Longitude is a number of degrees from -180 to 180.";
        }

        if (accuracyMetres is { } accuracy && !(double.IsFinite(accuracy) && accuracy is >= 0 and <= MaxAccuracyMetres))
        {
            problems["accuracy"] = $"Accuracy is the phone's error radius in metres, from 0 to {MaxAccuracyMetres:0}.";
        }
        else if (accuracyMetres is not null && latitude is null)
        {
            problems["accuracy"] = "Accuracy goes with a latitude and longitude.";
        }

        return problems;
    }
}
