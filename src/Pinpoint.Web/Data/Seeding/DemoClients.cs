namespace Pinpoint.Web.Data.Seeding;

/// <summary>
/// The demo's clients and the care they had in the eight weeks before the first start. Two courses, each with one
/// therapist and six clients, so that every group on the operator's outcome dashboard is large enough to be shown:
/// neck and shoulder pain with tension headaches (myofascial, Ava Singh in Brighton) and low back pain
/// (neuromuscular, Samuel Cohen in Elsternwick). Mobile numbers are in ACMA's range for fiction (0491 570 006–159).
/// </summary>
internal static class DemoClients
{
    public enum Course
    {
        Neck,
        LowBack,
    }

    /// <param name="Weekday">The client's usual visit day, 1 = Monday … 5 = Friday.</param>
    /// <param name="Hour">The usual start (local time, inside the therapist's hours).</param>
    /// <param name="Visits">How many completed visits in the eight weeks (the first is the initial assessment).</param>
    /// <param name="Adherence">How often the client did the home care, 0–1.</param>
    public sealed record Entry(
        string Email, string Name, string Mobile, string Suburb, string Street, Course Course, int Weekday, double Hour, int Visits, double Adherence);

    /// <summary>Index into <see cref="DemoTherapists.All"/> of each course's therapist.</summary>
    public static int TherapistOf(Course course) => course == Course.Neck ? 20 : 21;

    public static IReadOnlyList<Entry> All { get; } =
    [
        new(DemoDataSeeder.ClientEmail, "Sam Client", "0491 570 156", "Elwood", "14 Docker Street", Course.Neck, 4, 9.5, 8, 0.8),
        new("jordan.lee@pinpoint.test", "Jordan Lee", "0491 570 110", "Hampton", "3 Service Street", Course.Neck, 1, 9, 6, 0.6),
        new("mia.costa@pinpoint.test", "Mia Costa", "0491 570 111", "Sandringham", "27 Bay Road", Course.Neck, 2, 11, 5, 0.9),
        new("ahmed.farouk@pinpoint.test", "Ahmed Farouk", "0491 570 112", "Bentleigh", "8 Mavho Street", Course.Neck, 3, 12.5, 6, 0.5),
        new("grace.murphy@pinpoint.test", "Grace Murphy", "0491 570 113", "Brighton East", "41 Thomas Street", Course.Neck, 5, 8, 4, 0.7),
        new("tomas.alvarez@pinpoint.test", "Tomás Alvarez", "0491 570 114", "Highett", "19 Middleton Street", Course.Neck, 1, 12.5, 5, 0.4),
        new("nikos.georgiou@pinpoint.test", "Nikos Georgiou", "0491 570 115", "Carnegie", "6 Woorayl Street", Course.LowBack, 1, 9, 6, 0.7),
        new("hannah.levi@pinpoint.test", "Hannah Levi", "0491 570 116", "Caulfield North", "52 Hawthorn Road", Course.LowBack, 2, 10.5, 5, 0.8),
        new("rajesh.kumar@pinpoint.test", "Rajesh Kumar", "0491 570 117", "Murrumbeena", "11 Neerim Road", Course.LowBack, 3, 13, 6, 0.6),
        new("kate.sullivan@pinpoint.test", "Kate Sullivan", "0491 570 118", "Ormond", "30 Katandra Road", Course.LowBack, 4, 14, 4, 0.5),
        new("ben.carter@pinpoint.test", "Ben Carter", "0491 570 119", "Glen Huntly", "2 Royal Avenue", Course.LowBack, 5, 9, 5, 0.9),
        new("lucy.wang@pinpoint.test", "Lucy Wang", "0491 570 120", "Bentleigh East", "77 Tucker Road", Course.LowBack, 2, 13.5, 6, 0.7),
    ];

    /// <summary>Where it hurts, at intake.</summary>
    public static IReadOnlyList<(string Region, int Intensity)> Regions(Course course) => course == Course.Neck
        ? [("back-of-neck-right", 7), ("upper-trapezius-ridge-right", 6), ("temple-right", 5)]
        : [("low-back-left", 7), ("low-back-right", 5), ("buttock-upper-left", 4)];

    public static IReadOnlyList<string> Complaints(Course course) =>
        course == Course.Neck ? ["neck-shoulder-pain", "tension-headaches"] : ["low-back-pain", "hip-pain"];

    public static IReadOnlyList<string> Goals(Course course) =>
        course == Course.Neck ? ["pain-relief", "posture", "sleep"] : ["pain-relief", "mobility"];

    /// <summary>The muscles a therapist finds in this course: atlas muscle id, the region it lies in (without side), the side.</summary>
    public static IReadOnlyList<(string Muscle, string Region, Pinpoint.Core.Anatomy.BodySide Side)> Muscles(Course course) => course == Course.Neck
        ?
        [
            ("upper-trapezius", "upper-trapezius-ridge", Pinpoint.Core.Anatomy.BodySide.Right), ("levator-scapulae", "side-of-neck", Pinpoint.Core.Anatomy.BodySide.Right),
            ("suboccipitals", "back-of-neck", Pinpoint.Core.Anatomy.BodySide.Right), ("upper-trapezius", "upper-trapezius-ridge", Pinpoint.Core.Anatomy.BodySide.Left),
            ("splenius-capitis", "back-of-neck", Pinpoint.Core.Anatomy.BodySide.Right),
        ]
        :
        [
            ("quadratus-lumborum", "low-back", Pinpoint.Core.Anatomy.BodySide.Left), ("gluteus-medius", "buttock-upper", Pinpoint.Core.Anatomy.BodySide.Left),
            ("iliocostalis-lumborum", "low-back", Pinpoint.Core.Anatomy.BodySide.Left), ("multifidi", "low-back", Pinpoint.Core.Anatomy.BodySide.Right),
            ("piriformis", "buttock-lower", Pinpoint.Core.Anatomy.BodySide.Left),
        ];

    /// <summary>The home care prescribed after the initial assessment and as care goes on.</summary>
    public static IReadOnlyList<string> Exercises(Course course) => course == Course.Neck
        ? ["release:upper-trapezius", "posture:chin-tucks", "release:levator-scapulae", "posture:desk-setup"]
        : ["release:quadratus-lumborum", "release:gluteus-medius", "posture:movement-breaks", "release:piriformis"];

    /// <summary>The client's own activities for the functional scale.</summary>
    public static IReadOnlyList<string> Activities(Course course) => course == Course.Neck
        ? ["Working at my laptop for an hour", "Checking over my shoulder when driving", "Sleeping through the night"]
        : ["Getting out of the car", "Gardening for half an hour", "Picking up my toddler"];

    public static readonly string[] Comments =
    [
        "Gentle, explained everything and left me with exercises I actually do.",
        "On time, set up quickly and my neck felt looser the same evening.",
        "Found the spot that sets off my headaches within minutes.",
        "Really listened. The stretches make a difference.",
        "Professional and calm; much easier than driving to a clinic.",
        "Good session, a bit firmer than I expected but it helped.",
        "Friendly and knowledgeable. Booked again straight away.",
        "Clear plan, and I could feel the change after two visits.",
        "Turned up with everything needed; the room was set up in five minutes.",
        "My headaches went from daily to once a week. Thank you!",
        "Very respectful of my preferences and checked the pressure often.",
        "Explained the referral pattern with the body map, which finally made sense of it.",
        "Great with my back; I slept properly for the first time in weeks.",
        "Warm, punctual and practical advice for my desk set-up.",
    ];
}
