using NodaTime;

namespace Pinpoint.Core.Screening;

/// <summary>What a screening answer holds besides yes or no.</summary>
public enum AnswerDetail
{
    None = 0,

    /// <summary>Where on the body (region ids), e.g. varicose veins.</summary>
    Regions = 1,

    /// <summary>When it happened and where, e.g. surgery or a fracture.</summary>
    DateAndRegions = 2,
}

public sealed record ScreeningQuestion(string Id, string Text, string? Hint, AnswerDetail Detail);

/// <summary>One answer: yes or no, and the regions or date the question asks for when the answer is yes.</summary>
public sealed record ScreeningAnswer(bool Yes, IReadOnlyList<string>? Regions = null, LocalDate? Date = null);

public enum ScreeningOutcome
{
    /// <summary>Nothing found: book as usual.</summary>
    Pass = 0,

    /// <summary>Booking allowed; the therapist is told and adapts.</summary>
    Caution = 1,

    /// <summary>No booking: see a doctor first.</summary>
    Stop = 2,
}

/// <summary>What a caution means for the session, for the therapist and for matching a therapist.</summary>
public enum TreatmentConstraint
{
    GentlePressureOnly = 1,
    AvoidRegions = 2,
    RequiresPrenatalInterest = 3,
    RequiresMedicalClearance = 4,
}

/// <summary>A rule that fired, with what the client is told, what the therapist is told, and what it changes.</summary>
public sealed record RuleResult(
    string RuleId, ScreeningOutcome Kind, string Title, string AdviceToClient, string NoteForTherapist,
    IReadOnlyList<TreatmentConstraint> Constraints, IReadOnlyList<string> Regions);

/// <summary>The screen's verdict: the worst outcome of the rules that fired (stop beats caution), and all of them.</summary>
public sealed record ScreeningResult(ScreeningOutcome Outcome, IReadOnlyList<RuleResult> Triggered)
{
    public bool CanBook => Outcome != ScreeningOutcome.Stop;

    public IReadOnlySet<TreatmentConstraint> Constraints => Triggered.SelectMany(r => r.Constraints).ToHashSet();

    /// <summary>Regions the therapist must not work on.</summary>
    public IReadOnlyList<string> AvoidRegions =>
        [.. Triggered.Where(r => r.Constraints.Contains(TreatmentConstraint.AvoidRegions)).SelectMany(r => r.Regions).Distinct(StringComparer.Ordinal)];
}

/// <summary>The screen's input: the answers, the regions the client wants treated, and today in the client's zone.</summary>
public sealed record ScreeningContext(IReadOnlyDictionary<string, ScreeningAnswer> Answers, IReadOnlyList<string> TreatmentRegions, LocalDate Today)
{
    public bool Yes(string questionId) => Answers.TryGetValue(questionId, out var answer) && answer.Yes;

    public ScreeningAnswer? Answer(string questionId) => Answers.GetValueOrDefault(questionId);
}
