namespace Pinpoint.Core.Catalogue;

/// <summary>The session lengths sold, in minutes. Anything else is not a product.</summary>
public static class SessionLength
{
    public static IReadOnlyList<int> Minutes { get; } = [60, 75, 90, 120];

    public static bool IsOffered(int minutes) => Minutes.Contains(minutes);
}
