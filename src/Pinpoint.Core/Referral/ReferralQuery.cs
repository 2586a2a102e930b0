using Pinpoint.Core.Anatomy;

namespace Pinpoint.Core.Referral;

/// <summary>What the client told us: where it hurts and how much, and optionally symptom words, an activity and how long.</summary>
public sealed record ReferralQuery(
    IReadOnlyList<PainfulRegion> Regions,
    IReadOnlyList<string>? Symptoms = null,
    string? Activity = null,
    PainDuration? Duration = null)
{
    /// <summary>The most regions one query may mark: every region of the map once.</summary>
    public const int MaxRegions = 124;

    /// <summary>
    /// Field-level problems, keyed like the JSON (<c>regions[2].id</c>); empty when the query can be answered.
    /// Every unknown region id is named, so a client can fix them all at once.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Validate(Atlas atlas)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!problems.TryGetValue(field, out var list))
            {
                problems[field] = list = [];
            }

            list.Add(message);
        }

        if (Regions is null || Regions.Count == 0)
        {
            Add("regions", "Mark at least one painful region.");
        }
        else
        {
            if (Regions.Count > MaxRegions)
            {
                Add("regions", $"At most {MaxRegions} regions can be marked.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Regions.Count; i++)
            {
                var (id, intensity) = Regions[i];
                if (string.IsNullOrWhiteSpace(id))
                {
                    Add($"regions[{i}].id", "A region id is required.");
                }
                else if (atlas.FindRegion(id) is null)
                {
                    Add($"regions[{i}].id", $"Unknown region '{id}'. GET /api/body-map/regions lists the region ids.");
                }
                else if (!seen.Add(id))
                {
                    Add($"regions[{i}].id", $"Region '{id}' is marked more than once.");
                }

                if (intensity is < 0 or > 10)
                {
                    Add($"regions[{i}].intensity", "Intensity must be between 0 (no pain) and 10 (worst imaginable).");
                }
            }

            if (Regions.All(r => r.Intensity <= 0) && !problems.Keys.Any(k => k.EndsWith(".intensity", StringComparison.Ordinal)))
            {
                Add("regions", "At least one region needs an intensity above 0.");
            }
        }

        for (var i = 0; i < (Symptoms?.Count ?? 0); i++)
        {
            if (Vocabulary.FindSymptom(Symptoms![i]) is null)
            {
                Add($"symptoms[{i}]", $"Unknown symptom '{Symptoms[i]}'. Known symptoms: {string.Join(", ", Vocabulary.Symptoms.Select(s => s.Id))}.");
            }
        }

        if (Activity is not null && Vocabulary.FindActivity(Activity) is null)
        {
            Add("activity", $"Unknown activity '{Activity}'. Known activities: {string.Join(", ", Vocabulary.Activities.Select(a => a.Id))}.");
        }

        if (Duration is { } duration && !Enum.IsDefined(duration))
        {
            Add("duration", "Duration must be days, weeks, months or years.");
        }

        return problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}

/// <summary>Thrown when an invalid query reaches the engine; callers should have called <see cref="ReferralQuery.Validate"/>.</summary>
public sealed class InvalidReferralQueryException(IReadOnlyDictionary<string, string[]> problems)
    : ArgumentException("The referral query is invalid: " + string.Join("; ", problems.SelectMany(p => p.Value.Select(m => $"{p.Key}: {m}"))))
{
    public IReadOnlyDictionary<string, string[]> Problems { get; } = problems;
}
