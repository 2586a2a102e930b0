using System.Runtime.CompilerServices;

namespace Pinpoint.Core.Dispatch.Search;

/// <summary>
/// A stretch of a route summarised so that two stretches join in O(1) (Vidal et al. 2013): its travel, duration
/// (travel, service and waiting), the time warp it needs (arriving after a window closes counts as travelling back in
/// time), the earliest and latest start that achieve that duration, its load and its first and last location.
/// </summary>
internal readonly struct Segment(double distance, double duration, double timeWarp, double earliest, double latest, int load, int first, int last)
{
    public readonly double Distance = distance;
    public readonly double Duration = duration;
    public readonly double TimeWarp = timeWarp;
    public readonly double Earliest = earliest;
    public readonly double Latest = latest;
    public readonly int Load = load;
    public readonly int First = first;
    public readonly int Last = last;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Segment Merge(in Segment a, in Segment b, double[] travel, int locations)
    {
        var edge = travel[(a.Last * locations) + b.First];
        var delta = a.Duration - a.TimeWarp + edge;
        var wait = Math.Max(b.Earliest - delta - a.Latest, 0);
        var warp = Math.Max(a.Earliest + delta - b.Latest, 0);
        return new Segment(
            a.Distance + b.Distance + edge,
            a.Duration + b.Duration + edge + wait,
            a.TimeWarp + b.TimeWarp + warp,
            Math.Max(b.Earliest - delta, a.Earliest) - wait,
            Math.Min(b.Latest - delta, a.Latest) + warp,
            a.Load + b.Load,
            a.First,
            b.Last);
    }
}
