using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Pinpoint.Core.Geography;

namespace Pinpoint.Web.Features.Geocoding;

public static class GeocodingRegistration
{
    /// <summary>The gazetteer by default; the Nominatim client when <c>Geocoding:Provider</c> says so.</summary>
    public static IServiceCollection AddPinpointGeocoding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GeocodingOptions>().Bind(configuration.GetSection("Geocoding")).ValidateDataAnnotations().ValidateOnStart();
        // Every service area's suburbs: an address anywhere Pinpoint serves is found, and its point names its area.
        services.AddSingleton(_ => Kernel.Zones.Areas);
        services.AddSingleton(_ => Kernel.Zones.Areas.Gazetteer);
        services.AddSingleton<GazetteerGeocoder>();
        services.AddHttpClient<NominatimGeocoder>((provider, client) =>
        {
            var settings = provider.GetRequiredService<IOptions<GeocodingOptions>>().Value.Nominatim;
            if (Uri.TryCreate(settings.BaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl))
            {
                client.BaseAddress = baseUrl;
            }

            client.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
            client.DefaultRequestHeaders.UserAgent.ParseAdd(settings.UserAgent);
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        });
        services.AddTransient<IGeocoder>(provider =>
            provider.GetRequiredService<IOptions<GeocodingOptions>>().Value.Provider == GeocodingProvider.Nominatim
                ? provider.GetRequiredService<NominatimGeocoder>()
                : provider.GetRequiredService<GazetteerGeocoder>());
        return services;
    }
}
