namespace Pinpoint.Core.Dispatch.Search;

/// <summary>
/// Feasible and infeasible sub-populations ranked by biased fitness (Vidal et al. 2012): cost rank plus diversity
/// rank, where diversity is the mean broken-pairs distance to the closest few. Survivor selection drops clones first,
/// then the least fit, so the population keeps good and different solutions.
/// </summary>
internal sealed class Population(Random random, int minimumSize = 25, int generationSize = 40, int elite = 4, int closest = 5)
{
    private sealed class Member(Individual individual)
    {
        public Individual Individual { get; } = individual;

        public List<(double Distance, Member Other)> Near { get; } = [];

        public double Fitness { get; set; }

        public double Diversity(int closest) => Near.Count == 0 ? 0 : Near.Take(closest).Average(n => n.Distance);
    }

    private readonly List<Member> _feasible = [];
    private readonly List<Member> _infeasible = [];

    public int Count => _feasible.Count + _infeasible.Count;

    public void Clear()
    {
        _feasible.Clear();
        _infeasible.Clear();
    }

    public void Add(Individual individual, Penalties penalties)
    {
        var group = individual.Feasible ? _feasible : _infeasible;
        var member = new Member(individual);
        foreach (var other in group)
        {
            var d = individual.DistanceTo(other.Individual);
            Insert(member.Near, (d, other));
            Insert(other.Near, (d, member));
        }

        group.Add(member);
        if (group.Count > minimumSize + generationSize)
        {
            while (group.Count > minimumSize)
            {
                Remove(group, penalties);
            }
        }
    }

    /// <summary>Binary tournament on biased fitness over both sub-populations.</summary>
    public Individual Select(Penalties penalties)
    {
        UpdateFitness(_feasible, penalties);
        UpdateFitness(_infeasible, penalties);
        var a = Pick();
        var b = Pick();
        return (a.Fitness <= b.Fitness ? a : b).Individual;

        Member Pick()
        {
            var i = random.Next(Count);
            return i < _feasible.Count ? _feasible[i] : _infeasible[i - _feasible.Count];
        }
    }

    private static void Insert(List<(double Distance, Member Other)> near, (double Distance, Member Other) entry)
    {
        var i = 0;
        while (i < near.Count && near[i].Distance < entry.Distance)
        {
            i++;
        }

        near.Insert(i, entry);
    }

    private void Remove(List<Member> group, Penalties penalties)
    {
        UpdateFitness(group, penalties);
        var clone = group.FirstOrDefault(m => m.Near.Count > 0 && m.Near[0].Distance < 1e-9);
        var worst = clone ?? group.MaxBy(m => m.Fitness)!;
        group.Remove(worst);
        foreach (var other in group)
        {
            other.Near.RemoveAll(n => n.Other == worst);
        }
    }

    private void UpdateFitness(List<Member> group, Penalties penalties)
    {
        var n = group.Count;
        if (n <= 1)
        {
            foreach (var m in group)
            {
                m.Fitness = 0;
            }

            return;
        }

        var byCost = group.OrderBy(m => m.Individual.PenalisedCost(penalties)).ToList();
        var byDiversity = byCost.Select((m, rank) => (m, rank)).OrderByDescending(x => x.m.Diversity(closest)).ThenBy(x => x.rank).ToList();
        var eliteWeight = 1 - ((double)Math.Min(elite, n) / n);
        for (var d = 0; d < n; d++)
        {
            var (member, costRank) = byDiversity[d];
            member.Fitness = ((double)costRank / (n - 1)) + (eliteWeight * d / (n - 1));
        }
    }
}
