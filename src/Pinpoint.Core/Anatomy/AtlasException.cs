namespace Pinpoint.Core.Anatomy;

/// <summary>The atlas data is inconsistent. <see cref="Problems"/> lists every problem found, not just the first.</summary>
public sealed class AtlasException(IReadOnlyList<string> problems)
    : Exception($"The anatomy atlas is invalid ({problems.Count} problem(s)):\n- " + string.Join("\n- ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
