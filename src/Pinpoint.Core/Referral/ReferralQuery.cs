using Pinpoint.Core.Anatomy;

namespace Pinpoint.Core.Referral;

/// <summary>What the client told us: where it hurts and how much, and optionally symptom words, an activity and how long.</summary>
/// <param name="Symptoms">Free text in the client's words, symptoms and conditions alike ("sciatica-like, shooting",
/// "tennis elbow", "numbness-tingling"); <see cref="RecogniseSymptoms"/> reads it. Words not understood are ignored,
/// never an error.</param>
public sealed record ReferralQuery(
    IReadOnlyList<PainfulRegion> Regions,
    IReadOnlyList<string>? Symptoms = null,
    string? Activity = null,
    PainDuration? Duration = null)
{
    /// <summary>The most regions one query may mark: every region of the map once.</summary>
    public const int MaxRegions = 132;

    /// <summary>The most symptom entries one query may carry.</summary>
    public const int MaxSymptomEntries = 50;

    /// <summary>The most characters of symptom text, all entries together: a few paragraphs, far more than anyone types.</summary>
    public const int MaxSymptomCharacters = 2000;

    /// <summary>The terms the symptom text names, and the parts of it that were not understood.</summary>
    public RecognisedTerms RecogniseSymptoms() => Vocabulary.Recognise(Symptoms);

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

        // Unknown words are not errors (they come back as ignored); only absurd sizes are.
        if (Symptoms is { Count: > MaxSymptomEntries })
        {
            Add("symptoms", $"At most {MaxSymptomEntries} symptom entries at once.");
        }
        else if (Symptoms is not null && Symptoms.Sum(s => s?.Length ?? 0) > MaxSymptomCharacters)
        {
            Add("symptoms", $"At most {MaxSymptomCharacters} characters of symptom text in all.");
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
