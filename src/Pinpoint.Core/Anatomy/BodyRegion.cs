namespace Pinpoint.Core.Anatomy;

public enum BodyView
{
    Front = 1,
    Back = 2,
}

public enum BodySide
{
    Left = 1,
    Right = 2,
}

/// <summary>
/// One region of the body map, e.g. <c>temple-left</c>. Paired regions carry their side in the id suffix and in
/// <see cref="Side"/>; midline regions (<c>sacrum</c>) have no side. <see cref="Parent"/> is the coarse segment
/// (after the CHOIR and Michigan body maps) that reports roll up to.
/// </summary>
public sealed record BodyRegion(
    string Id, string Label, BodyView View, BodySide? Side, string Parent, IReadOnlyList<string> Synonyms)
{
    /// <summary>The id without its side suffix: <c>temple</c> for <c>temple-left</c>; the id itself on the midline.</summary>
    public string BaseId => Side switch
    {
        BodySide.Left => Id[..^"-left".Length],
        BodySide.Right => Id[..^"-right".Length],
        null => Id,
    };

    /// <summary>
    /// How the region reads inside a sentence, with its article or "your": "the back of your neck on the left",
    /// "your breastbone". Explanations are built from it ("Explains your left temple…"); the label is for lists.
    /// </summary>
    public string Phrase { get; init; } = "your " + Label.ToLowerInvariant();
}
