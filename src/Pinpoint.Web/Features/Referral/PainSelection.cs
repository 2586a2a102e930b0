using System.Globalization;
using Pinpoint.Core.Referral;

namespace Pinpoint.Web.Features.Referral;

/// <summary>
/// A "where does it hurt?" selection as it travels in URLs, from the body map to booking:
/// <c>regions=temple-left:6,back-of-neck-left:4&amp;symptoms=headache&amp;activity=desk&amp;duration=weeks</c>.
/// Parsing never throws; bad parts become field errors the page shows.
/// </summary>
public sealed record PainSelection(
    IReadOnlyList<PainfulRegion> Regions, IReadOnlyList<string> Symptoms, string? Activity, PainDuration? Duration)
{
    public const int DefaultIntensity = 5;

    public static PainSelection Empty { get; } = new([], [], null, null);

    public bool IsEmpty => Regions.Count == 0;

    public ReferralQuery ToQuery() => new(Regions, Symptoms, Activity, Duration);

    /// <summary>The selection as the JSON API takes it (a referral request, or a booking's <c>pain</c>); null when empty.</summary>
    public ReferralRequest? ToRequest() => IsEmpty ? null : new(
        [.. Regions.Select(r => new PainfulRegionDto(r.RegionId, r.Intensity))], [.. Symptoms], Activity,
        Duration?.ToString().ToLowerInvariant());

    /// <summary>
    /// Parses the URL form. <paramref name="checkedRegions"/> are plain region ids from the no-script list of
    /// regions (each at <see cref="DefaultIntensity"/> unless <paramref name="regions"/> gives an intensity).
    /// </summary>
    public static PainSelection Parse(
        string? regions, IEnumerable<string>? checkedRegions, string? symptoms, string? activity, string? duration,
        out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parsed = new List<PainfulRegion>();
        foreach (var part in (regions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            var id = colon < 0 ? part : part[..colon];
            var intensity = DefaultIntensity;
            if (colon >= 0 && !int.TryParse(part[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out intensity))
            {
                errors[$"regions[{parsed.Count}].intensity"] = [$"'{part}' needs a whole-number intensity from 0 to 10 after the colon."];
                intensity = 0;
            }

            parsed.Add(new PainfulRegion(id, intensity));
        }

        foreach (var id in checkedRegions ?? [])
        {
            if (!string.IsNullOrWhiteSpace(id) && parsed.All(p => p.RegionId != id))
            {
                parsed.Add(new PainfulRegion(id.Trim(), DefaultIntensity));
            }
        }

        PainDuration? parsedDuration = null;
        if (!string.IsNullOrWhiteSpace(duration))
        {
            if (Enum.TryParse<PainDuration>(duration, ignoreCase: true, out var d) && Enum.IsDefined(d) && !char.IsDigit(duration.Trim()[0]))
            {
                parsedDuration = d;
            }
            else
            {
                errors["duration"] = ["Duration must be days, weeks, months or years."];
            }
        }

        return new PainSelection(
            parsed,
            [.. (symptoms ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            string.IsNullOrWhiteSpace(activity) ? null : activity.Trim(),
            parsedDuration);
    }

    /// <summary>The URL query string (without <c>?</c>) that parses back to this selection.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (Regions.Count > 0)
        {
            parts.Add("regions=" + Uri.EscapeDataString(string.Join(',', Regions.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.RegionId}:{r.Intensity}")))));
        }

        if (Symptoms.Count > 0)
        {
            parts.Add("symptoms=" + Uri.EscapeDataString(string.Join(',', Symptoms)));
        }

        if (Activity is not null)
        {
            parts.Add("activity=" + Uri.EscapeDataString(Activity));
        }

        if (Duration is { } duration)
        {
            parts.Add("duration=" + duration.ToString().ToLowerInvariant());
        }

        return string.Join('&', parts);
    }
}
