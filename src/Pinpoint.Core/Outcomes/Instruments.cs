namespace Pinpoint.Core.Outcomes;

/// <summary>Which way is better on an instrument's scale.</summary>
public enum Better
{
    Lower = 1,
    Higher = 2,
}

/// <summary>One question: its id, our wording, the answer range and what the ends mean.</summary>
public sealed record OutcomeItem(string Id, string Text, int Min, int Max, string MinMeans, string MaxMeans, bool Reversed = false);

/// <summary>A scored result, or the reasons it could not be scored (keyed like the JSON: <c>answers.neck-3</c>).</summary>
public sealed record OutcomeScore(double? Value, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0 && Value is not null;

    public static OutcomeScore Invalid(Dictionary<string, string[]> errors) => new(null, errors);
}

/// <summary>
/// A recognised outcome measure: its items (in our own words), how it is scored, its range, which way is better and
/// its minimal clinically important difference (MCID) as published. Each instrument names its sources.
/// </summary>
public abstract class Instrument
{
    public abstract string Id { get; }

    public abstract string Name { get; }

    /// <summary>What it measures, in a client's words.</summary>
    public abstract string Measures { get; }

    public abstract IReadOnlyList<OutcomeItem> Items { get; }

    public abstract double Min { get; }

    public abstract double Max { get; }

    public abstract Better Better { get; }

    /// <summary>The smallest change in the score that patients tend to notice as meaningful.</summary>
    public abstract double Mcid { get; }

    /// <summary>The unit a change is told in ("points", "percentage points").</summary>
    public virtual string Unit => "points";

    public abstract string Source { get; }

    /// <summary>Scores the answers (item id → answer; null or absent = not answered).</summary>
    public abstract OutcomeScore Score(IReadOnlyDictionary<string, int?> answers);

    /// <summary>Every answer given must belong to an item and lie in its range; returns the answered items' values.</summary>
    protected Dictionary<string, int> Check(IReadOnlyDictionary<string, int?> answers, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(errors);
        var given = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (id, value) in answers)
        {
            var item = Items.FirstOrDefault(i => i.Id == id);
            if (item is null)
            {
                errors[$"answers.{id}"] = [$"'{id}' is not a question of the {Name}."];
            }
            else if (value is { } v && (v < item.Min || v > item.Max))
            {
                errors[$"answers.{id}"] = [$"Answer {item.Min} to {item.Max}."];
            }
            else if (value is { } ok)
            {
                given[id] = ok;
            }
        }

        return given;
    }
}
