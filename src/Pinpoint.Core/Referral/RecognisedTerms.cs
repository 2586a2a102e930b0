namespace Pinpoint.Core.Referral;

/// <summary>One term found in the client's words.</summary>
/// <param name="Text">The words as the client typed them ("Tennis-Elbow", "pins and needles").</param>
/// <param name="Negated">Said to be absent ("no fever", "without tingling"): reported, but not used.</param>
public sealed record RecognisedTerm(string Text, Symptom Term, bool Negated = false);

/// <summary>
/// What free-text symptom words told us. <see cref="Ids"/> feed the ranking (each term's complaints give the
/// muscles listing them a small bonus), <see cref="Symptoms"/> the modality and red-flag rules, and
/// <see cref="Ignored"/> goes back to the client as the words we could not use, never as an error.
/// </summary>
/// <param name="Terms">Every term found, in the order typed, negated ones included.</param>
/// <param name="Ignored">The client's own text of each part we did not understand, in the order typed, without repeats.</param>
public sealed record RecognisedTerms(IReadOnlyList<RecognisedTerm> Terms, IReadOnlyList<string> Ignored)
{
    public static RecognisedTerms None { get; } = new([], []);

    /// <summary>The ids of the terms that count (not negated), first mention first.</summary>
    public IReadOnlyList<string> Ids => [.. Counting().Select(t => t.Id)];

    /// <summary>Symptom and red-flag symptom ids (<see cref="Vocabulary.Symptoms"/>) that count.</summary>
    public IReadOnlyList<string> Symptoms => [.. Counting().Where(t => t.Kind != TermKind.Condition).Select(t => t.Id)];

    /// <summary>Condition ids that count; each is the atlas complaint it names (<c>tennis-elbow-like</c>).</summary>
    public IReadOnlyList<string> Conditions => [.. Counting().Where(t => t.Kind == TermKind.Condition).Select(t => t.Id)];

    /// <summary>Atlas complaint ids the counting terms support, from conditions and symptoms alike, without repeats.</summary>
    public IReadOnlyList<string> Complaints => [.. Counting().SelectMany(t => t.Complaints).Distinct(StringComparer.Ordinal)];

    /// <summary>True when a red-flag symptom counts.</summary>
    public bool HasRedFlag => Counting().Any(t => t.RedFlag);

    // A term mentioned both ways ("no fever … fever") counts: a red flag is better raised once too often.
    private IEnumerable<Symptom> Counting() =>
        Terms.Where(t => !t.Negated).Select(t => t.Term).DistinctBy(t => t.Id, StringComparer.Ordinal);
}
