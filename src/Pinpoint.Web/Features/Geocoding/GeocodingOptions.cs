using System.ComponentModel.DataAnnotations;

namespace Pinpoint.Web.Features.Geocoding;

public enum GeocodingProvider
{
    /// <summary>The embedded suburb and postcode list: no network.</summary>
    Gazetteer = 0,

    /// <summary>A Nominatim-compatible HTTP service (OpenStreetMap's, or your own).</summary>
    Nominatim = 1,
}

/// <summary>Configuration section <c>Geocoding</c>.</summary>
public sealed class GeocodingOptions : IValidatableObject
{
    public GeocodingProvider Provider { get; set; } = GeocodingProvider.Gazetteer;

    public NominatimOptions Nominatim { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != GeocodingProvider.Nominatim)
        {
            yield break;
        }

        if (!Uri.TryCreate(Nominatim.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Geocoding:Nominatim:BaseUrl must be an absolute http(s) URL when Geocoding:Provider is Nominatim.",
                [nameof(Nominatim) + "." + nameof(NominatimOptions.BaseUrl)]);
        }

        if (string.IsNullOrWhiteSpace(Nominatim.UserAgent))
        {
            // Nominatim's usage policy asks every client to identify itself.
            yield return new ValidationResult("Geocoding:Nominatim:UserAgent is required (the service's usage policy asks clients to identify themselves).",
                [nameof(Nominatim) + "." + nameof(NominatimOptions.UserAgent)]);
        }

        if (Nominatim.TimeoutSeconds is < 1 or > 60)
        {
            yield return new ValidationResult("Geocoding:Nominatim:TimeoutSeconds must be between 1 and 60.",
                [nameof(Nominatim) + "." + nameof(NominatimOptions.TimeoutSeconds)]);
        }
    }
}

public sealed class NominatimOptions
{
    public string BaseUrl { get; set; } = "";

    public string UserAgent { get; set; } = "Pinpoint/1.0 (in-home trigger point therapy)";

    /// <summary>ISO 3166-1 alpha-2 codes the search is limited to, comma-separated.</summary>
    public string CountryCodes { get; set; } = "au,nz";

    public int TimeoutSeconds { get; set; } = 5;
}
