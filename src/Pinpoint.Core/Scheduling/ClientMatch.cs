using System.Collections.Frozen;
using Pinpoint.Core.Referral;

namespace Pinpoint.Core.Scheduling;

/// <summary>A therapist's gender as the matching sees it; clients may ask for a female or a male therapist.</summary>
public enum MatchGender
{
    Unspecified = 0,
    Female = 1,
    Male = 2,
    NonBinary = 3,
}

/// <summary>
/// What a client brings to the choice of therapist: the special interests that fit their complaint (from their
/// intake, their likely muscle sources and their activity), a gender preference, and interests they must have
/// (screening: a pregnant client needs a therapist trained in prenatal care).
/// </summary>
public sealed record ClientMatch(IReadOnlySet<string> Interests, MatchGender? Gender = null, string? RequiredInterest = null)
{
    public static ClientMatch None { get; } = new(FrozenSet<string>.Empty);

    /// <summary>True when the therapist may be offered at all: the gender asked for and every required interest.</summary>
    public bool Admits(MatchGender gender, IReadOnlyCollection<string> interests) =>
        (Gender is null || Gender == gender) && (RequiredInterest is null || interests.Contains(RequiredInterest));

    /// <summary>
    /// 0–1: the share of the client's relevant interests the therapist lists, counting at most three (a therapist who
    /// covers three of five relevant interests fits as well as one who covers all of three).
    /// </summary>
    public double Expertise(IReadOnlyCollection<string> therapistInterests)
    {
        ArgumentNullException.ThrowIfNull(therapistInterests);
        if (Interests.Count == 0)
        {
            return 0;
        }

        var hits = Interests.Count(therapistInterests.Contains);
        return Math.Min(1.0, hits / (double)Math.Min(3, Interests.Count));
    }

    /// <summary>Builds a match from what the client told us and what the referral engine made of it.</summary>
    /// <param name="complaints">Intake complaint ids (<see cref="Intake.IntakeChoices.Complaints"/>).</param>
    /// <param name="sourceComplaints">The atlas complaint tags of the client's likeliest muscle sources.</param>
    /// <param name="activity">An activity id from <see cref="Vocabulary.Activities"/>.</param>
    public static ClientMatch From(
        IEnumerable<string> complaints, IEnumerable<string> sourceComplaints, string? activity, PainDuration? duration,
        MatchGender? gender = null, bool requiresPrenatalCare = false)
    {
        ArgumentNullException.ThrowIfNull(complaints);
        ArgumentNullException.ThrowIfNull(sourceComplaints);
        var interests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in complaints.Concat(sourceComplaints))
        {
            if (ByComplaint.TryGetValue(tag, out var ids))
            {
                interests.UnionWith(ids);
            }
        }

        if (Vocabulary.FindActivity(activity) is { } known && ByActivity.TryGetValue(known.Id, out var interest))
        {
            interests.Add(interest);
        }

        if (duration is PainDuration.Months or PainDuration.Years)
        {
            interests.Add("chronic-pain");
        }

        if (requiresPrenatalCare)
        {
            interests.Add(Catalogue.Interests.Prenatal);
        }

        return new ClientMatch(interests.ToFrozenSet(StringComparer.Ordinal), gender, requiresPrenatalCare ? Catalogue.Interests.Prenatal : null);
    }

    // Intake complaint ids and atlas complaint tags, to the interests a therapist can list (Catalogue.Interests).
    private static readonly FrozenDictionary<string, string[]> ByComplaint = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["tension-headaches"] = ["headaches"], ["tension-type-headache"] = ["headaches"],
        ["jaw-pain"] = ["jaw-pain"], ["clicking-jaw"] = ["jaw-pain"], ["toothache-like"] = ["jaw-pain"], ["facial-pain"] = ["jaw-pain"],
        ["neck-shoulder-pain"] = ["neck-shoulder"], ["neck-pain"] = ["neck-shoulder"], ["stiff-neck"] = ["neck-shoulder"],
        ["shoulder-pain"] = ["neck-shoulder"], ["upper-back-pain"] = ["neck-shoulder"],
        ["low-back-pain"] = ["low-back"], ["sciatica-like-pain"] = ["low-back"], ["sciatica-like"] = ["low-back"], ["buttock-pain"] = ["low-back"],
        ["fibromyalgia"] = ["fibromyalgia", "chronic-pain"],
        ["arm-hand-pain"] = ["desk-workers"], ["carpal-tunnel-like"] = ["desk-workers"], ["tennis-elbow-like"] = ["desk-workers"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> ByActivity = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["desk"] = "desk-workers", ["driving"] = "desk-workers", ["standing"] = "manual-workers", ["manual-work"] = "manual-workers",
        ["musician"] = "musicians", ["running"] = "runners", ["cycling"] = "cyclists", ["lifting"] = "strength-athletes",
        ["throwing"] = "team-sports", ["racket-sports"] = "team-sports",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
