namespace Pinpoint.Core.Dispatch;

/// <summary>
/// A place to be served: where (an index into the travel matrix), when service may start (times in minutes, or the
/// instance's units), for how long, how much of a therapist's capacity it uses (one visit, or a Solomon demand), the
/// skill it needs (a modality) and who may or must take it.
/// </summary>
public sealed record DispatchVisit(
    string Id, int Location, double Ready, double Due, double Service, int Demand = 1, string? Skill = null,
    IReadOnlySet<string>? Allowed = null, IReadOnlySet<string>? Excluded = null, string? FixedTo = null, double? FixedStart = null);

/// <summary>Who serves: a home base where the day starts and ends, a shift, skills and a capacity (visits, or a Solomon vehicle load).</summary>
public sealed record DispatchTherapist(string Id, int Home, double ShiftStart, double ShiftEnd, int Capacity, IReadOnlySet<string>? Skills = null)
{
    public bool Has(string? skill) => skill is null || Skills is null || Skills.Contains(skill);

    /// <summary>Whether the therapist may take the visit at all: skill, allowed, excluded and fixed therapist.</summary>
    public bool MayTake(DispatchVisit visit) =>
        Has(visit.Skill) && (visit.Allowed?.Contains(Id) ?? true) && visit.Excluded?.Contains(Id) != true && (visit.FixedTo is null || visit.FixedTo == Id);
}

/// <summary>A day to plan: visits, therapists and the travel times between every pair of locations.</summary>
public sealed record DispatchProblem(IReadOnlyList<DispatchVisit> Visits, IReadOnlyList<DispatchTherapist> Therapists, double[,] Travel)
{
    public double TravelTime(int from, int to) => Travel[from, to];
}

/// <summary>One therapist's ordered visits (indices into <see cref="DispatchProblem.Visits"/>).</summary>
public sealed record DispatchRoute(int Therapist, IReadOnlyList<int> Visits);

/// <summary>A plan: routes, and the visits nobody can take with the reason.</summary>
public sealed record DispatchPlan(IReadOnlyList<DispatchRoute> Routes, IReadOnlyDictionary<int, string> Unassigned);
