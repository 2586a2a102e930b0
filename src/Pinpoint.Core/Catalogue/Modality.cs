namespace Pinpoint.Core.Catalogue;

/// <summary>
/// The four kinds of trigger point work Pinpoint offers. A therapist is credentialed per modality, and a booking
/// is always for exactly one.
/// </summary>
public enum Modality
{
    /// <summary>Classic manual trigger point work after Travell and Simons: locate, compress, lengthen.</summary>
    Myofascial = 1,

    /// <summary>Neuromuscular Therapy: systematic, muscle-by-muscle examination and treatment.</summary>
    Neuromuscular = 2,

    /// <summary>Trigger point work aimed at training load, overuse and recovery.</summary>
    Sports = 3,

    /// <summary>Assessment-led work for chronic, widespread or postural pain, usually as a plan of sessions.</summary>
    Clinical = 4,
}

/// <summary>Stable URL and API names of the modalities (the enum's numbers never leave the process).</summary>
public static class Modalities
{
    public static IReadOnlyList<Modality> All { get; } =
        [Modality.Myofascial, Modality.Neuromuscular, Modality.Sports, Modality.Clinical];

    /// <summary>The kebab-case slug used in URLs and JSON, e.g. <c>neuromuscular</c>.</summary>
    public static string Slug(this Modality modality) => modality switch
    {
        Modality.Myofascial => "myofascial",
        Modality.Neuromuscular => "neuromuscular",
        Modality.Sports => "sports",
        Modality.Clinical => "clinical",
    };

    /// <summary>Parses a slug; the comparison is ordinal and case-insensitive.</summary>
    public static bool TryParseSlug(string? slug, out Modality modality)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Slug(), slug, StringComparison.OrdinalIgnoreCase))
            {
                modality = candidate;
                return true;
            }
        }

        modality = default;
        return false;
    }
}
