namespace Pinpoint.Core.Outcomes;

/// <summary>
/// Numeric Pain Rating Scale: one question, 0 (no pain) to 10 (worst pain imaginable), asked before and after every
/// session. MCID 2 points: Farrar JT et al., "Clinical importance of changes in chronic pain intensity measured on an
/// 11-point numerical pain rating scale", Pain 2001;94(2):149–158 (about 2 points or 30 %); Childs JD, Piva SR, Fritz JM,
/// "Responsiveness of the numeric pain rating scale in patients with low back pain", Spine 2005;30(11):1331–1334.
/// </summary>
public sealed class PainRating : SingleRating
{
    public const string Question = "pain";

    protected override string QuestionId => Question;

    public override string Id => "nprs";

    public override string Name => "Pain rating (NPRS)";

    public override string Measures => "how much it hurts right now";

    public override IReadOnlyList<OutcomeItem> Items { get; } =
        [new(Question, "How strong is your pain right now?", 0, 10, "no pain", "the worst pain you can imagine")];

    public override double Min => 0;

    public override double Max => 10;

    public override Better Better => Better.Lower;

    public override double Mcid => 2;

    public override string Source => "Farrar et al., Pain 2001;94:149–158; Childs et al., Spine 2005;30:1331–1334";

    protected override string Missing => "Rate your pain from 0 to 10.";
}

/// <summary>
/// Patient-Specific Functional Scale: the client names 3 to 5 activities they find hard because of the problem and
/// rates each 0 (cannot do it) to 10 (as well as before the problem); the score is the average. MCID 2 points for the
/// average: Stratford P et al., "Assessing disability and change on individual patients: a report of a patient specific
/// measure", Physiotherapy Canada 1995;47:258–263; Horn KK et al., J Man Manip Ther 2012;20(1):19–25 (about 2 points).
/// Activities are the client's own, so items are <c>activity-1</c> to <c>activity-5</c> with the names kept alongside.
/// </summary>
public sealed class FunctionalScale : Instrument
{
    public const int MinActivities = 3;
    public const int MaxActivities = 5;

    public override string Id => "psfs";

    public override string Name => "Activities you find hard (PSFS)";

    public override string Measures => "how well you can do the activities you named";

    public override IReadOnlyList<OutcomeItem> Items { get; } =
        [.. Enumerable.Range(1, MaxActivities).Select(i => new OutcomeItem(
            $"activity-{i}", $"Activity {i}: how well can you do it today?", 0, 10, "unable to do it", "as well as before the problem"))];

    public override double Min => 0;

    public override double Max => 10;

    public override Better Better => Better.Higher;

    public override double Mcid => 2;

    public override string Source => "Stratford et al., Physiotherapy Canada 1995;47:258–263; Horn et al., J Man Manip Ther 2012;20:19–25";

    public override OutcomeScore Score(IReadOnlyDictionary<string, int?> answers)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var given = Check(answers, errors);
        if (errors.Count == 0 && given.Count < MinActivities)
        {
            errors["answers"] = [$"Name and rate at least {MinActivities} activities (up to {MaxActivities})."];
        }

        return errors.Count > 0 ? OutcomeScore.Invalid(errors) : new(Math.Round(given.Values.Average(), 2), errors);
    }
}

/// <summary>
/// A disability questionnaire of ten sections, each answered 0 (no difficulty) to 5 (the most), scored as a sum or a
/// percentage. One unanswered section is allowed: the score is then scaled from the nine answered, as the instruments'
/// authors describe; more than one leaves it unscored.
/// </summary>
public abstract class TenSectionIndex : Instrument
{
    public const int MaxMissing = 1;

    public override Better Better => Better.Lower;

    public override double Min => 0;

    /// <summary>Sum of the sections scaled to <see cref="Instrument.Max"/> (50 for a sum of ten 0–5 answers, 100 for a percentage).</summary>
    public override OutcomeScore Score(IReadOnlyDictionary<string, int?> answers)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var given = Check(answers, errors);
        var missing = Items.Count - given.Count;
        if (errors.Count == 0 && missing > MaxMissing)
        {
            errors["answers"] = [$"Answer at least {Items.Count - MaxMissing} of the {Items.Count} sections ({missing} are unanswered)."];
        }

        return errors.Count > 0
            ? OutcomeScore.Invalid(errors)
            : new(Math.Round(given.Values.Sum() / (5.0 * given.Count) * Max, 1), errors);
    }

    protected static OutcomeItem Section(string id, string text, string none, string most) => new(id, text, 0, 5, none, most);
}

/// <summary>
/// Neck Disability Index: ten sections on how neck pain affects daily life, 0–5 each, summed to 0–50 (the
/// original scoring; Vernon H, Mior S, "The Neck Disability Index: a study of reliability and validity", J Manipulative
/// Physiol Ther 1991;14(7):409–415). MCID 7.5 of 50 points in mechanical neck pain: Young IA, Cleland JA et al.,
/// Am J Phys Med Rehabil 2009;88(10):831–839. Used for neck and head patterns.
/// </summary>
public sealed class NeckDisabilityIndex : TenSectionIndex
{
    public override string Id => "ndi";

    public override string Name => "Neck Disability Index";

    public override string Measures => "how much neck pain gets in the way of daily life";

    public override double Max => 50;

    public override double Mcid => 7.5;

    public override string Source => "Vernon & Mior, J Manipulative Physiol Ther 1991;14:409–415; Young et al., Am J Phys Med Rehabil 2009;88:831–839";

    public override IReadOnlyList<OutcomeItem> Items { get; } =
    [
        Section("neck-pain", "How strong is your neck pain at the moment?", "no pain", "the worst imaginable"),
        Section("neck-care", "Looking after yourself (washing, dressing)", "normal, no extra pain", "need help with most of it"),
        Section("neck-lifting", "Lifting things", "heavy things without extra pain", "cannot lift or carry anything"),
        Section("neck-reading", "Reading", "as much as I want, no neck pain", "cannot read at all"),
        Section("neck-headaches", "Headaches", "none", "almost all the time"),
        Section("neck-concentration", "Concentrating", "fully, without difficulty", "cannot concentrate at all"),
        Section("neck-work", "Work, paid or at home", "as much as I want", "cannot do any work"),
        Section("neck-driving", "Driving", "without any neck pain", "cannot drive because of it"),
        Section("neck-sleeping", "Sleeping", "no trouble", "completely disturbed"),
        Section("neck-leisure", "Leisure and recreation", "all of it, no neck pain", "none at all"),
    ];
}

/// <summary>
/// Oswestry Disability Index (version 2.1a): ten sections on how low back pain limits everyday life, 0–5 each,
/// scored as a percentage 0–100 (Fairbank JCT, Pynsent PB, "The Oswestry Disability Index", Spine 2000;25(22):2940–2953).
/// MCID 10 percentage points: Ostelo RWJG et al., "Interpreting change scores for pain and functional status in low back
/// pain", Spine 2008;33(1):90–94. Used for low back patterns.
/// </summary>
public sealed class OswestryDisabilityIndex : TenSectionIndex
{
    public override string Id => "odi";

    public override string Name => "Oswestry Disability Index";

    public override string Measures => "how much low back pain limits everyday life";

    public override double Max => 100;

    public override double Mcid => 10;

    public override string Unit => "percentage points";

    public override string Source => "Fairbank & Pynsent, Spine 2000;25:2940–2953; Ostelo et al., Spine 2008;33:90–94";

    public override IReadOnlyList<OutcomeItem> Items { get; } =
    [
        Section("back-pain", "How strong is your back pain at the moment?", "no pain", "the worst imaginable"),
        Section("back-care", "Looking after yourself (washing, dressing)", "normal, no extra pain", "cannot, stay in bed"),
        Section("back-lifting", "Lifting", "heavy weights without extra pain", "cannot lift or carry anything"),
        Section("back-walking", "Walking", "any distance", "in bed most of the time"),
        Section("back-sitting", "Sitting", "in any chair as long as I like", "cannot sit at all"),
        Section("back-standing", "Standing", "as long as I want, no extra pain", "cannot stand at all"),
        Section("back-sleeping", "Sleeping", "never disturbed by pain", "cannot sleep at all"),
        Section("back-sex", "Sex life (if it applies)", "normal, no extra pain", "prevented by pain"),
        Section("back-social", "Social life", "normal, no extra pain", "none because of pain"),
        Section("back-travelling", "Travelling", "anywhere, no pain", "only to get treatment"),
    ];
}

/// <summary>
/// Perceived Stress Scale (10 items): how often in the last month life felt unpredictable, uncontrollable and
/// overloaded, 0 (never) to 4 (very often); items 4, 5, 7 and 8 are worded positively and reversed; total 0–40
/// (Cohen S, Kamarck T, Mermelstein R, J Health Soc Behav 1983;24(4):385–396; Cohen S, Williamson G 1988). Free to use.
/// Minimal clinically important change 11 points: Eskildsen A et al., Scand J Work Environ Health 2015;41(5):486–490.
/// All ten must be answered.
/// </summary>
public sealed class PerceivedStressScale : Instrument
{
    public override string Id => "pss10";

    public override string Name => "Perceived Stress Scale";

    public override string Measures => "how stressed you have felt in the last month";

    public override double Min => 0;

    public override double Max => 40;

    public override Better Better => Better.Lower;

    public override double Mcid => 11;

    public override string Source => "Cohen et al., J Health Soc Behav 1983;24:385–396; Eskildsen et al., Scand J Work Environ Health 2015;41:486–490";

    public override IReadOnlyList<OutcomeItem> Items { get; } =
    [
        Often("stress-upset", "Been thrown by something that happened out of the blue?"),
        Often("stress-control", "Felt you could not control the important things in your life?"),
        Often("stress-nervous", "Felt nervous or wound up?"),
        Often("stress-handled", "Felt sure you could handle your personal problems?", reversed: true),
        Often("stress-going-your-way", "Felt things were going your way?", reversed: true),
        Often("stress-cope", "Found you could not keep up with everything you had to do?"),
        Often("stress-irritations", "Been able to keep irritations in check?", reversed: true),
        Often("stress-on-top", "Felt on top of things?", reversed: true),
        Often("stress-angered", "Been angry about things outside your control?"),
        Often("stress-piling-up", "Felt problems were piling up too high to overcome?"),
    ];

    public override OutcomeScore Score(IReadOnlyDictionary<string, int?> answers)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var given = Check(answers, errors);
        foreach (var item in Items.Where(i => !given.ContainsKey(i.Id)))
        {
            errors.TryAdd($"answers.{item.Id}", ["Answer from 0 (never) to 4 (very often)."]);
        }

        return errors.Count > 0 ? OutcomeScore.Invalid(errors) : new(Items.Sum(i => i.Reversed ? 4 - given[i.Id] : given[i.Id]), errors);
    }

    private static OutcomeItem Often(string id, string text, bool reversed = false) =>
        new(id, $"In the last month, how often have you: {text}", 0, 4, "never", "very often", reversed);
}

/// <summary>
/// Sleep quality as one rating of the past week, 0 (terrible) to 10 (excellent) — the single-item Sleep Quality Scale:
/// Snyder E et al., J Clin Sleep Med 2018;14(11):1849–1857. Its authors report no MCID; we use 1 point, carried over
/// from the minimum clinically significant change of 10 mm on a 100 mm sleep-quality scale found by Zisapel N, Nir T,
/// "Determination of the minimal clinically significant difference on a patient visual analog sleep quality scale",
/// J Sleep Res 2003;12(4):291–298 (a tenth of the range, as here).
/// </summary>
public sealed class SleepQuality : SingleRating
{
    public const string Question = "sleep";

    protected override string QuestionId => Question;

    public override string Id => "sqs";

    public override string Name => "Sleep quality";

    public override string Measures => "how well you have slept in the past week";

    public override IReadOnlyList<OutcomeItem> Items { get; } =
        [new(Question, "Overall, how well have you slept over the past seven days?", 0, 10, "terribly", "excellently")];

    public override double Min => 0;

    public override double Max => 10;

    public override Better Better => Better.Higher;

    public override double Mcid => 1;

    public override string Source => "Snyder et al., J Clin Sleep Med 2018;14:1849–1857; MCID from Zisapel & Nir, J Sleep Res 2003;12:291–298 (10 mm of 100)";

    protected override string Missing => "Rate your sleep from 0 to 10.";
}

/// <summary>An instrument of one 0–10 rating: its score is the answer, which must be given.</summary>
public abstract class SingleRating : Instrument
{
    protected abstract string QuestionId { get; }

    /// <summary>What the client is told when the rating is missing.</summary>
    protected abstract string Missing { get; }

    public override OutcomeScore Score(IReadOnlyDictionary<string, int?> answers)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var given = Check(answers, errors);
        if (errors.Count == 0 && !given.ContainsKey(QuestionId))
        {
            errors[$"answers.{QuestionId}"] = [Missing];
        }

        return errors.Count > 0 ? OutcomeScore.Invalid(errors) : new(given[QuestionId], errors);
    }
}
