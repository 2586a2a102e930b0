using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Pinpoint.Core.Geography;

namespace Pinpoint.Web.Features.Geocoding;

/// <summary>The service could not answer (down, slow, or an unreadable reply); the person can type coordinates instead.</summary>
public sealed class GeocodingUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Geocoding through a Nominatim-compatible <c>/search</c> endpoint (format <c>jsonv2</c> with address details).
/// Typed coordinates are answered locally, without a request.
/// </summary>
public sealed partial class NominatimGeocoder(HttpClient http, IOptions<GeocodingOptions> options, ILogger<NominatimGeocoder> logger) : IGeocoder
{
    public const string SourceName = "nominatim";

    public async Task<IReadOnlyList<GeocodeMatch>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        if (Gazetteer.TryParseCoordinates(query, out var typed))
        {
            return [new GeocodeMatch(FormattableString.Invariant($"{typed.Latitude:0.0000}, {typed.Longitude:0.0000}"), null, null, typed, SourceName)];
        }

        var settings = options.Value.Nominatim;
        var url = $"search?q={Uri.EscapeDataString(query.Trim())}&format=jsonv2&addressdetails=1&limit={Math.Clamp(limit, 1, 20)}" +
                  (string.IsNullOrWhiteSpace(settings.CountryCodes) ? "" : $"&countrycodes={Uri.EscapeDataString(settings.CountryCodes)}");
        List<Result>? results;
        try
        {
            results = await http.GetFromJsonAsync<List<Result>>(url, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, exception.GetType().Name, exception.Message);
            throw new GeocodingUnavailableException("The address lookup service is not answering. Try again, or type the coordinates.", exception);
        }

        return [.. (results ?? []).Select(ToMatch).OfType<GeocodeMatch>().Take(limit)];
    }

    private static GeocodeMatch? ToMatch(Result result)
    {
        if (!double.TryParse(result.Lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ||
            !double.TryParse(result.Lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) ||
            lat is not (>= -90 and <= 90) || lon is not (>= -180 and <= 180))
        {
            return null;
        }

        var address = result.Address;
        var suburb = address?.Suburb ?? address?.Town ?? address?.Village ?? address?.CityDistrict ?? address?.City;
        return new GeocodeMatch(result.DisplayName ?? suburb ?? "", suburb, address?.Postcode, new GeoPoint(lat, lon), SourceName);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Geocoding service unavailable ({Kind}): {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string kind, string reason);

    private sealed record Result(
        [property: JsonPropertyName("lat")] string? Lat,
        [property: JsonPropertyName("lon")] string? Lon,
        [property: JsonPropertyName("display_name")] string? DisplayName,
        [property: JsonPropertyName("address")] Address? Address);

    private sealed record Address(
        [property: JsonPropertyName("suburb")] string? Suburb,
        [property: JsonPropertyName("town")] string? Town,
        [property: JsonPropertyName("village")] string? Village,
        [property: JsonPropertyName("city_district")] string? CityDistrict,
        [property: JsonPropertyName("city")] string? City,
        [property: JsonPropertyName("postcode")] string? Postcode);
}
