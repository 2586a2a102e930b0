using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Pinpoint.Core.Intake;
using Pinpoint.Core.Screening;

namespace Pinpoint.Web.Features.Intake;

/// <summary>How intake answers and screening results are stored: the same JSON shape the API speaks.</summary>
public static class IntakeJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static IntakeContent ReadContent(string json) => JsonSerializer.Deserialize<IntakeContent>(json, Options) ?? new IntakeContent();

    public static SessionPreferences ReadPreferences(string json) => JsonSerializer.Deserialize<SessionPreferences>(json, Options) ?? new SessionPreferences();

    public static ScreeningResult ReadScreening(string json) =>
        JsonSerializer.Deserialize<ScreeningResult>(json, Options) ?? new ScreeningResult(ScreeningOutcome.Pass, []);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
