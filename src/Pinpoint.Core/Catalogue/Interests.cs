namespace Pinpoint.Core.Catalogue;

/// <summary>A therapist's special interest, shown on their profile and used to match clients (e.g. prenatal care).</summary>
public sealed record Interest(string Id, string Label);

public static class Interests
{
    /// <summary>Needed to treat a pregnant client (the screening rules ask for it).</summary>
    public const string Prenatal = "prenatal";

    public static IReadOnlyList<Interest> All { get; } =
    [
        new("headaches", "Headaches and migraines"),
        new("jaw-pain", "Jaw pain and TMJ"),
        new("neck-shoulder", "Neck and shoulder pain"),
        new("low-back", "Low back and sciatica-like pain"),
        new("desk-workers", "Desk workers"),
        new("runners", "Runners"),
        new("cyclists", "Cyclists"),
        new("strength-athletes", "Strength athletes"),
        new("team-sports", "Team and court sports"),
        new("chronic-pain", "Chronic pain"),
        new("fibromyalgia", "Fibromyalgia-informed care"),
        new("older-adults", "Older adults"),
        new(Prenatal, "Pregnancy (prenatal)"),
        new("postnatal", "After birth (postnatal)"),
        new("musicians", "Musicians"),
        new("manual-workers", "Manual and shift workers"),
    ];

    public static Interest? Find(string? id) => All.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.Ordinal));
}
