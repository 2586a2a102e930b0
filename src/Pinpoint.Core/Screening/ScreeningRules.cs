using NodaTime;
using Pinpoint.Core.Anatomy;

namespace Pinpoint.Core.Screening;

/// <summary>
/// The health screen before a home visit: the questions, and the rules that read the answers. Stop rules follow the
/// usual contraindications to massage and manual therapy (infection, suspected DVT, cardiorespiratory symptoms,
/// recent surgery or fracture in the area, red flags for malignancy); caution rules adapt the session (anticoagulants,
/// osteoporosis, pregnancy, local skin or vein problems, neuropathy, cancer treatment). Written conservatively and in
/// plain words; they do not diagnose.
/// </summary>
public static class ScreeningRules
{
    /// <summary>Surgery or a fracture this recent (days) in an area stops treatment there.</summary>
    public const int RecentEventDays = 42;

    public static IReadOnlyList<ScreeningQuestion> Questions { get; } =
    [
        new("fever", "Do you have a fever, or an infection you are being treated for?", null, AnswerDetail.None),
        new("leg-swelling", "Is one calf or leg newly swollen, red, warm or painful?", "This can be a blood clot, which massage could move.", AnswerDetail.None),
        new("chest-breathless", "Do you have chest pain together with shortness of breath?", null, AnswerDetail.None),
        new("recent-surgery-fracture", "Have you had surgery or a broken bone in the last three months?", "Tell us when and where.", AnswerDetail.DateAndRegions),
        new("weight-loss", "Have you lost weight recently without trying?", null, AnswerDetail.None),
        new("night-pain", "Do you have pain at night that does not ease with rest or changing position?", null, AnswerDetail.None),
        new("anticoagulants", "Do you take blood thinners (for example warfarin, apixaban, rivaroxaban or daily aspirin)?", null, AnswerDetail.None),
        new("osteoporosis", "Have you been told you have osteoporosis or fragile bones?", null, AnswerDetail.None),
        new("pregnancy", "Are you pregnant?", null, AnswerDetail.None),
        new("skin-veins", "Do you have varicose veins, a rash, a wound or another skin problem where you want treatment?", "Tell us where.", AnswerDetail.Regions),
        new("diabetes-neuropathy", "Do you have diabetes with numbness in your feet or hands (neuropathy)?", null, AnswerDetail.None),
        new("cancer-treatment", "Are you having treatment for cancer, or have you finished it within the last year?", null, AnswerDetail.None),
        new("medical-clearance", "Do you have a letter from your doctor saying massage is safe for you?", "Only needed if you answered yes to cancer treatment.", AnswerDetail.None),
    ];

    private sealed record Rule(
        string Id, ScreeningOutcome Kind, string Title, string Advice, string Note, TreatmentConstraint[] Constraints,
        Func<ScreeningContext, IReadOnlyList<string>?> Match);

    private static readonly Rule[] Rules =
    [
        new("fever-infection", ScreeningOutcome.Stop, "Fever or infection",
            "Massage is not safe during a fever or an infection. See your doctor, and book once you are well.", "", [],
            c => c.Yes("fever") ? [] : null),
        new("suspected-dvt", ScreeningOutcome.Stop, "Possible blood clot",
            "A newly swollen, red, warm or painful calf or leg can be a blood clot. Please see a doctor today, before any massage.", "", [],
            c => c.Yes("leg-swelling") ? [] : null),
        new("chest-pain-breathlessness", ScreeningOutcome.Stop, "Chest pain with breathlessness",
            "Chest pain with shortness of breath needs a doctor first. Call 000 if it is sudden or severe.", "", [],
            c => c.Yes("chest-breathless") ? [] : null),
        new("recent-surgery-fracture", ScreeningOutcome.Stop, "Recent surgery or fracture in the area",
            "An area that had surgery or a fracture in the last six weeks needs to heal first. Ask your surgeon or doctor when massage there is safe.", "", [],
            c => RecentInTreatedArea(c, overlapping: true)),
        new("recent-surgery-fracture-elsewhere", ScreeningOutcome.Caution, "Recent surgery or fracture elsewhere",
            "Your therapist will keep away from the area that is still healing.",
            "Recent surgery or fracture (under six weeks): do not treat or position pressure on these areas.", [TreatmentConstraint.AvoidRegions],
            c => RecentInTreatedArea(c, overlapping: false)),
        new("weight-loss-night-pain", ScreeningOutcome.Stop, "Unexplained weight loss with night pain",
            "Losing weight without trying, together with pain at night, should be checked by a doctor before treatment.", "", [],
            c => c.Yes("weight-loss") && c.Yes("night-pain") ? [] : null),
        new("anticoagulants", ScreeningOutcome.Caution, "Blood thinners",
            "Because you take blood thinners, your therapist will use gentle pressure only, which still works well on trigger points.",
            "Anticoagulated: gentle pressure only, no deep stripping or cupping; watch for bruising.", [TreatmentConstraint.GentlePressureOnly],
            c => c.Yes("anticoagulants") ? [] : null),
        new("osteoporosis", ScreeningOutcome.Caution, "Osteoporosis",
            "Your therapist will use gentle pressure and avoid forceful work over bones.",
            "Osteoporosis: gentle pressure, no forceful pressure over ribs or spine, careful positioning.", [TreatmentConstraint.GentlePressureOnly],
            c => c.Yes("osteoporosis") ? [] : null),
        new("pregnancy", ScreeningOutcome.Caution, "Pregnancy",
            "We will match you with a therapist experienced in pregnancy care.",
            "Pregnant: side-lying or supported positions, no deep pressure on the legs; prenatal-trained therapist only.",
            [TreatmentConstraint.RequiresPrenatalInterest],
            c => c.Yes("pregnancy") ? [] : null),
        new("skin-veins", ScreeningOutcome.Caution, "Veins or skin in an area",
            "Your therapist will not work on the areas you marked.",
            "Varicose veins or skin lesions: avoid the marked areas.", [TreatmentConstraint.AvoidRegions],
            c => c.Yes("skin-veins") ? [.. c.Answer("skin-veins")!.Regions ?? []] : null),
        new("diabetes-neuropathy", ScreeningOutcome.Caution, "Diabetes with neuropathy",
            "Your therapist will use gentle pressure and check in often, because numb areas cannot warn you.",
            "Peripheral neuropathy: gentle pressure on feet and hands, frequent check-ins, inspect skin.", [TreatmentConstraint.GentlePressureOnly],
            c => c.Yes("diabetes-neuropathy") ? [] : null),
        new("cancer-treatment", ScreeningOutcome.Caution, "Cancer treatment",
            "During or soon after cancer treatment we need your doctor's clearance on file before the first session.",
            "Current or recent cancer treatment: medical clearance required; gentle pressure; avoid treatment sites and ports.",
            [TreatmentConstraint.RequiresMedicalClearance, TreatmentConstraint.GentlePressureOnly],
            c => c.Yes("cancer-treatment") ? [] : null),
    ];

    /// <summary>Every rule id, for documentation and tests.</summary>
    public static IReadOnlyList<string> RuleIds { get; } = [.. Rules.Select(r => r.Id)];

    /// <summary>Field errors for a set of answers: every question answered, details where a yes needs them.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(IReadOnlyDictionary<string, ScreeningAnswer?> answers, Atlas atlas, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(atlas);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var id in answers.Keys.Where(k => Questions.All(q => q.Id != k)))
        {
            errors[$"answers.{id}"] = [$"There is no screening question '{id}'."];
        }

        foreach (var question in Questions)
        {
            var answer = answers.GetValueOrDefault(question.Id);
            var field = $"answers.{question.Id}";
            if (answer is null)
            {
                errors[field] = ["Please answer this question."];
                continue;
            }

            if (!answer.Yes || question.Detail == AnswerDetail.None)
            {
                continue;
            }

            var regions = answer.Regions ?? [];
            if (regions.Count == 0)
            {
                errors[field] = ["Mark where on the body."];
            }
            else if (regions.FirstOrDefault(r => atlas.FindRegion(r) is null) is { } unknown)
            {
                errors[field] = [$"Unknown region '{unknown}'."];
            }
            else if (question.Detail == AnswerDetail.DateAndRegions && answer.Date is null)
            {
                errors[field] = ["Tell us the date (roughly is fine)."];
            }
            else if (answer.Date > today)
            {
                errors[field] = ["The date cannot be in the future."];
            }
        }

        // The clearance question only matters after a yes to cancer treatment.
        if (answers.GetValueOrDefault("cancer-treatment") is not { Yes: true })
        {
            errors.Remove("answers.medical-clearance");
        }

        return errors;
    }

    /// <summary>Runs every rule on valid answers. A caution that needs medical clearance is met when the clearance answer is yes.</summary>
    public static ScreeningResult Evaluate(ScreeningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var triggered = new List<RuleResult>();
        foreach (var rule in Rules)
        {
            if (rule.Match(context) is { } regions)
            {
                var constraints = rule.Constraints;
                if (context.Yes("medical-clearance"))
                {
                    constraints = [.. constraints.Where(c => c != TreatmentConstraint.RequiresMedicalClearance)];
                }

                triggered.Add(new RuleResult(rule.Id, rule.Kind, rule.Title, rule.Advice, rule.Note, constraints, regions));
            }
        }

        var outcome = triggered.Count == 0 ? ScreeningOutcome.Pass : triggered.Max(r => r.Kind);
        return new ScreeningResult(outcome, [.. triggered.OrderByDescending(r => r.Kind)]);
    }

    // Surgery or a fracture under six weeks ago: a stop when it is where the client wants treatment, else a caution
    // to avoid it. Regions compare exactly, so a left knee operation stops work on the left knee only.
    private static IReadOnlyList<string>? RecentInTreatedArea(ScreeningContext context, bool overlapping)
    {
        if (context.Answer("recent-surgery-fracture") is not { Yes: true, Date: { } date } answer ||
            Period.Between(date, context.Today, PeriodUnits.Days).Days >= RecentEventDays)
        {
            return null;
        }

        var regions = answer.Regions ?? [];
        var treated = regions.Where(r => context.TreatmentRegions.Contains(r, StringComparer.Ordinal)).ToList();
        return overlapping
            ? treated.Count > 0 ? treated : null
            : treated.Count == 0 && regions.Count > 0 ? [.. regions] : null;
    }
}
