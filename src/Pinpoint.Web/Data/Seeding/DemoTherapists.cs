using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Data.Seeding;

/// <summary>
/// Demo therapists spread over metropolitan Melbourne, the demo's home area (home bases at suburb centres, WGS 84), so
/// that travel times and service areas are realistic from the first run; and a few in each other city, so that a
/// client in Sydney, Brisbane, Perth or Auckland can book too. Each one's zone is that of the area of their base.
/// </summary>
internal static class DemoTherapists
{
    /// <summary>The area whose demo clients have a history of care, and whose window requests an admin can plan.</summary>
    public const string AreaKey = "melbourne";

    public static ServiceArea Area => Zones.Areas.Find(AreaKey)!;

    public sealed record Entry(
        string Name, string Suburb, string Postcode, double Latitude, double Longitude, Modality[] Modalities,
        TherapistGender Gender, List<string> Languages, List<string> Interests, string Bio);

    private static readonly Modality M = Modality.Myofascial;
    private static readonly Modality N = Modality.Neuromuscular;
    private static readonly Modality S = Modality.Sports;
    private static readonly Modality C = Modality.Clinical;

    public static IReadOnlyList<Entry> InOtherCities() =>
    [
        new("Charlotte Evans", "Surry Hills", "2010", -33.8861, 151.2111, [M, N], TherapistGender.Female, ["English"], ["desk-workers", "neck-shoulder"], "Inner-city desk workers; necks, shoulders and jaws."),
        new("Jacob Wilson", "Parramatta", "2150", -33.8150, 151.0011, [S, C], TherapistGender.Male, ["English"], ["team-sports", "chronic-pain"], "League and union players; persistent pain after injury."),
        new("Nina Kowalski", "Bondi Junction", "2022", -33.8930, 151.2500, [M, S], TherapistGender.Female, ["English", "Polish"], ["runners"], "Surfers' and swimmers' shoulders, runners' calves."),
        new("Marcus Bell", "New Farm", "4005", -27.4670, 153.0500, [M, S], TherapistGender.Male, ["English"], ["cyclists"], "Cyclists and rowers on the river."),
        new("Tara Quinn", "Toowong", "4066", -27.4850, 152.9930, [N, C], TherapistGender.Female, ["English"], ["chronic-pain", "older-adults"], "Chronic pain and older adults; gentle by default."),
        new("Connor Hughes", "Subiaco", "6008", -31.9480, 115.8260, [M, S], TherapistGender.Male, ["English"], ["team-sports"], "Footy and cricket seasons."),
        new("Jasmine Ong", "Fremantle", "6160", -32.0569, 115.7439, [N, C, M], TherapistGender.Female, ["English", "Malay"], ["prenatal", "postnatal"], "Pregnancy and postnatal comfort (with clearance)."),
        new("Ravi Menon", "Mount Lawley", "6050", -31.9340, 115.8710, [S], TherapistGender.Male, ["English", "Malayalam"], ["runners"], "Distance runners and walkers."),
        new("Aroha Ngata", "Ponsonby", "1011", -36.8500, 174.7450, [M, C], TherapistGender.Female, ["English", "Māori"], ["headaches", "chronic-pain"], "Headaches and long-standing pain."),
        new("Finn Gallagher", "Takapuna", "0622", -36.7880, 174.7700, [S, N], TherapistGender.Male, ["English"], ["team-sports", "manual-workers"], "Rugby, sailing and tradespeople."),
    ];

    public static IReadOnlyList<Entry> InHomeArea { get; } =
    [
        new("Maya Robinson", "Fitzroy", "3065", -37.7986, 144.9784, [M, C], TherapistGender.Female, ["English"], ["headaches", "jaw-pain"], "Headaches and jaw pain; 9 years in clinic and home visits."),
        new("Liam Nguyen", "Brunswick", "3056", -37.7667, 144.9600, [S], TherapistGender.Male, ["English", "Vietnamese"], ["runners", "cyclists"], "Runners and cyclists; former track athlete."),
        new("Priya Sharma", "Carlton", "3053", -37.8001, 144.9671, [M, N], TherapistGender.Female, ["English", "Hindi"], ["neck-shoulder", "desk-workers"], "Desk workers' necks and shoulders."),
        new("Tom Fitzgerald", "Richmond", "3121", -37.8183, 144.9980, [S, M], TherapistGender.Male, ["English"], ["team-sports"], "Footy and netball seasons, calves and hamstrings."),
        new("Sofia Rossi", "St Kilda", "3182", -37.8676, 144.9809, [N, C], TherapistGender.Female, ["English", "Italian"], ["low-back", "chronic-pain"], "Chronic low back pain and sciatica-like pain."),
        new("Daniel Okafor", "South Yarra", "3141", -37.8380, 144.9920, [M], TherapistGender.Male, ["English", "Igbo"], ["neck-shoulder", "low-back"], "Shoulders and the upper back; gentle by default."),
        new("Hannah Walsh", "Footscray", "3011", -37.8000, 144.9000, [C, M], TherapistGender.Female, ["English"], ["fibromyalgia"], "Fibromyalgia-informed, paced care plans."),
        new("Arjun Patel", "Williamstown", "3016", -37.8570, 144.8970, [S, N], TherapistGender.Male, ["English", "Gujarati"], [], "Rowing and paddling overuse."),
        new("Grace Kim", "Essendon", "3040", -37.7560, 144.9190, [M, N, C], TherapistGender.Female, ["English", "Korean"], ["prenatal", "postnatal"], "Pregnancy and postnatal comfort (with clearance)."),
        new("Lachlan Murray", "Coburg", "3058", -37.7440, 144.9660, [S], TherapistGender.Male, ["English"], ["strength-athletes", "manual-workers"], "Strength athletes and tradespeople."),
        new("Amira Haddad", "Preston", "3072", -37.7430, 145.0080, [N], TherapistGender.Female, ["English", "Arabic"], ["headaches", "jaw-pain"], "Tension headaches and TMJ."),
        new("Ethan Clarke", "Northcote", "3070", -37.7700, 144.9990, [M, S], TherapistGender.Male, ["English"], ["neck-shoulder"], "Climbers' forearms and shoulders."),
        new("Isabella Chen", "Heidelberg", "3084", -37.7560, 145.0670, [C], TherapistGender.Female, ["English", "Mandarin"], ["chronic-pain"], "Persistent pain after injury; works with GPs."),
        new("Noah Williams", "Box Hill", "3128", -37.8190, 145.1220, [M], TherapistGender.Male, ["English"], ["neck-shoulder", "desk-workers"], "Office necks, mouse arms and tech thumbs."),
        new("Zara Ahmed", "Doncaster", "3108", -37.7880, 145.1230, [N, M], TherapistGender.Female, ["English", "Urdu"], ["neck-shoulder", "musicians"], "Neck and shoulder pain in musicians."),
        new("Oliver Brown", "Camberwell", "3124", -37.8420, 145.0580, [S, C], TherapistGender.Male, ["English"], [], "Tennis elbow-like pain and golfers."),
        new("Chloe Martin", "Hawthorn", "3122", -37.8220, 145.0350, [M, N], TherapistGender.Female, ["English"], ["headaches", "jaw-pain"], "Jaw, face and headache patterns."),
        new("Ryan Papadopoulos", "Glen Waverley", "3150", -37.8780, 145.1650, [S], TherapistGender.Male, ["English", "Greek"], ["team-sports"], "Basketball and court sports."),
        new("Mei Lin", "Clayton", "3168", -37.9150, 145.1290, [C, N], TherapistGender.Female, ["English", "Mandarin", "Cantonese"], ["older-adults"], "Older adults; osteoporosis-aware pressure."),
        new("Jack Thompson", "Caulfield", "3162", -37.8770, 145.0250, [M], TherapistGender.Male, ["English"], ["low-back", "manual-workers"], "Low back and hip pain in drivers."),
        new("Ava Singh", "Brighton", "3186", -37.9170, 144.9960, [S, M], TherapistGender.Female, ["English"], ["neck-shoulder"], "Swimmers' shoulders and triathletes."),
        new("Samuel Cohen", "Elsternwick", "3185", -37.8850, 145.0000, [N, C], TherapistGender.Male, ["English", "Hebrew"], ["chronic-pain"], "Whole-body assessments for complex pain."),
        new("Leila Karimi", "Moorabbin", "3189", -37.9380, 145.0580, [M, C], TherapistGender.Female, ["English", "Persian"], [], "Heel and foot pain; standing workers."),
        new("Benjamin Tran", "Cheltenham", "3192", -37.9690, 145.0500, [S], TherapistGender.Male, ["English", "Vietnamese"], [], "Golf, cricket and rotational sports."),
        new("Emily O'Connor", "Frankston", "3199", -38.1440, 145.1230, [M, N], TherapistGender.Female, ["English"], [], "Gentle work for first-timers."),
        new("Mohammed Ali", "Dandenong", "3175", -37.9870, 145.2150, [C, S], TherapistGender.Male, ["English", "Arabic"], ["manual-workers"], "Manual workers and shift workers."),
        new("Olivia Jones", "Ringwood", "3134", -37.8150, 145.2290, [N], TherapistGender.Female, ["English"], [], "Hip and knee pain in hikers."),
        new("Kenji Watanabe", "Croydon", "3136", -37.7950, 145.2810, [M, S], TherapistGender.Male, ["English", "Japanese"], [], "Martial arts and mobility."),
        new("Fatima Yusuf", "Sunshine", "3020", -37.7880, 144.8320, [M, C], TherapistGender.Female, ["English", "Somali"], [], "Women's health and pelvic girdle pain."),
        new("Lucas Silva", "Werribee", "3030", -37.9040, 144.6600, [S, N], TherapistGender.Male, ["English", "Portuguese"], ["team-sports"], "Football codes and sprinters."),
        new("Ruby Anderson", "Point Cook", "3030", -37.9150, 144.7500, [M], TherapistGender.Female, ["English"], ["neck-shoulder"], "Parents of young children; neck and wrists."),
        new("Matteo Bianchi", "Craigieburn", "3064", -37.6000, 144.9430, [N, M], TherapistGender.Male, ["English", "Italian"], ["manual-workers"], "Drivers and warehouse staff."),
        new("Sienna Taylor", "Bundoora", "3083", -37.6980, 145.0600, [C, M], TherapistGender.Female, ["English"], ["neck-shoulder", "chronic-pain"], "Students and academics; chronic neck pain."),
        new("Hamish Reid", "Eltham", "3095", -37.7140, 145.1480, [S, C], TherapistGender.Male, ["English"], ["runners"], "Trail runners and mountain bikers."),
    ];

    // After the lists it joins: static initialisers run in the order they are written.
    /// <summary>Those in the home area first, then the other cities': the home area's keep their numbers (emails).</summary>
    public static IReadOnlyList<Entry> All { get; } = [.. InHomeArea, .. InOtherCities()];
}
