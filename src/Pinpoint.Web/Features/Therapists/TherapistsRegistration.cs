using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>Configuration section <c>Travel</c>: the default driving-time model.</summary>
public sealed class TravelOptions
{
    public double Circuity { get; set; } = 1.3;

    public double AverageSpeedKmh { get; set; } = 32;

    public int FixedOverheadMinutes { get; set; } = 5;
}

public static class TherapistsRegistration
{
    public static IServiceCollection AddPinpointTherapists(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TravelOptions>().Bind(configuration.GetSection("Travel"))
            .Validate(o => o.Circuity is >= 1 and <= 3, "Travel:Circuity must be between 1 and 3.")
            .Validate(o => o.AverageSpeedKmh is > 0 and <= 130, "Travel:AverageSpeedKmh must be above 0 and at most 130.")
            .Validate(o => o.FixedOverheadMinutes is >= 0 and <= 60, "Travel:FixedOverheadMinutes must be between 0 and 60.")
            .ValidateOnStart();
        services.AddSingleton<ITravelTimeModel>(provider =>
        {
            var travel = provider.GetRequiredService<IOptions<TravelOptions>>().Value;
            return new CircuityTravelTimeModel(travel.Circuity, travel.AverageSpeedKmh, Duration.FromMinutes(travel.FixedOverheadMinutes));
        });
        services.AddScoped<TherapistProfiles>();
        services.AddScoped<CredentialVetting>();
        services.AddScoped<TherapistSchedule>();
        services.AddScoped<TherapistDirectory>();
        return services;
    }
}
