using Pinpoint.Core.Catalogue;
using Pinpoint.Web.Features.Catalogue;

namespace Pinpoint.Web.Data.Seeding;

/// <summary>
/// The launch catalogue: what each modality is, who it suits, and its price lists, one per currency a service area
/// quotes in (AUD with GST for the Australian cities, NZD with GST for Auckland).
/// </summary>
internal static class CatalogueContent
{

    public static IReadOnlyList<ModalityOffering> Build() =>
    [
        Offering(Modality.Myofascial, 1, "Myofascial Trigger Point Therapy",
            "Find the knot behind the pain, then let it go.",
            "The classic approach described by Janet Travell and David Simons. Your therapist reads where you feel " +
            "pain, traces it back along known referral patterns to the muscles that produce it, and treats the " +
            "trigger points there with sustained, tolerable pressure followed by gentle lengthening. A knot in the " +
            "upper trapezius can be felt as a headache at the temple; treating the temple would miss it.",
            "People with one or two stubborn, recurring pains: tension headaches, a stiff neck, a sore shoulder " +
            "blade, low back ache. A good first choice if you have never had trigger point work.",
            "A short conversation about where it hurts and what makes it worse, a check of how you move, then " +
            "focused pressure on a few points at a level you choose, and stretches to keep the gains.",
            new() { ["AUD"] = [125m, 150m, 175m, 230m], ["NZD"] = [135m, 165m, 190m, 250m] }),
        Offering(Modality.Neuromuscular, 2, "Neuromuscular Therapy (NMT)",
            "A methodical, muscle-by-muscle approach.",
            "Neuromuscular Therapy works through a region systematically, examining each muscle layer for trigger " +
            "points, taut bands and areas of reduced blood flow, and treating them with slow, gliding strokes and " +
            "static pressure. It pays close attention to posture and to the nerves that can be irritated where " +
            "muscles are tight.",
            "People whose pain spreads over an area rather than one spot, or includes tingling or numbness from " +
            "tight muscles (after a doctor has ruled out other causes), and desk workers with whole-region stiffness.",
            "A posture and movement check, then a thorough, region-by-region treatment with regular check-ins on " +
            "pressure. Expect homework: small posture changes and self-release.",
            new() { ["AUD"] = [130m, 155m, 180m, 240m], ["NZD"] = [140m, 170m, 195m, 260m] }),
        Offering(Modality.Sports, 3, "Sports Trigger Point Therapy",
            "Recover faster and train without the nagging niggles.",
            "Trigger point work planned around training load. Overused muscles develop trigger points that limit " +
            "range and power and can mimic tendon problems (shin splints, tennis elbow, runner's knee). Your " +
            "therapist treats them with pressure, pin-and-stretch and active release, timed to your training.",
            "Runners, cyclists, lifters, climbers, racket and team-sport players, and anyone active who wants to " +
            "move freely. Not only for athletes: weekend gardeners and new parents carry load too.",
            "A look at your sport and training week, movement tests, targeted work on the muscles that take the " +
            "load, and a recovery plan for the days until your next session or race.",
            new() { ["AUD"] = [130m, 155m, 180m, 240m], ["NZD"] = [140m, 170m, 195m, 260m] }),
        Offering(Modality.Clinical, 4, "Clinical Trigger Point Therapy",
            "A plan for chronic and complex pain.",
            "Assessment-led care for pain that has lasted months or years, moves around, or has several sources. " +
            "Your therapist maps every painful area, tracks outcome measures over time, and sets out a course of " +
            "sessions with home care between them, coordinating with your doctor or physiotherapist where needed.",
            "People with long-standing or widespread pain, several painful areas at once, or pain that keeps coming " +
            "back. Chronic pain rarely settles in one session; this is built for that.",
            "A longer first visit with a full pain map and baseline measures, a written plan (often weekly for six " +
            "weeks), gentle pressure by default, and regular re-assessment so you can see what is changing.",
            new() { ["AUD"] = [140m, 170m, 195m, 255m], ["NZD"] = [155m, 185m, 215m, 280m] }),
    ];

    private static ModalityOffering Offering(
        Modality modality, int order, string name, string tagline, string description, string suits,
        string whatHappens, Dictionary<string, decimal[]> prices)
    {
        var offering = new ModalityOffering
        {
            Modality = modality,
            Name = name,
            Tagline = tagline,
            Description = description,
            SuitsWho = suits,
            WhatHappens = whatHappens,
            SortOrder = order,
        };
        foreach (var (currency, list) in prices)
        {
            for (var i = 0; i < SessionLength.Minutes.Count; i++)
            {
                offering.Prices.Add(new ModalityPrice
                {
                    Modality = modality,
                    DurationMinutes = SessionLength.Minutes[i],
                    Amount = list[i],
                    Currency = currency,
                });
            }
        }

        return offering;
    }
}
