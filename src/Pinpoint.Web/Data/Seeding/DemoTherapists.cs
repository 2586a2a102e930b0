using Pinpoint.Core.Catalogue;

namespace Pinpoint.Web.Data.Seeding;

/// <summary>
/// Demo therapists spread over metropolitan Melbourne (home bases at suburb centres, WGS 84), so that travel
/// times and service areas are realistic from the first run.
/// </summary>
internal static class DemoTherapists
{
    public const string TimeZoneId = "Australia/Melbourne";

    public sealed record Entry(string Name, string Suburb, double Latitude, double Longitude, Modality[] Modalities, string Bio);

    private static readonly Modality M = Modality.Myofascial;
    private static readonly Modality N = Modality.Neuromuscular;
    private static readonly Modality S = Modality.Sports;
    private static readonly Modality C = Modality.Clinical;

    public static IReadOnlyList<Entry> All { get; } =
    [
        new("Maya Robinson", "Fitzroy", -37.7986, 144.9784, [M, C], "Headaches and jaw pain; 9 years in clinic and home visits."),
        new("Liam Nguyen", "Brunswick", -37.7667, 144.9600, [S], "Runners and cyclists; former track athlete."),
        new("Priya Sharma", "Carlton", -37.8001, 144.9671, [M, N], "Desk workers' necks and shoulders."),
        new("Tom Fitzgerald", "Richmond", -37.8183, 144.9980, [S, M], "Footy and netball seasons, calves and hamstrings."),
        new("Sofia Rossi", "St Kilda", -37.8676, 144.9809, [N, C], "Chronic low back pain and sciatica-like pain."),
        new("Daniel Okafor", "South Yarra", -37.8380, 144.9920, [M], "Shoulders and the upper back; gentle by default."),
        new("Hannah Walsh", "Footscray", -37.8000, 144.9000, [C, M], "Fibromyalgia-informed, paced care plans."),
        new("Arjun Patel", "Williamstown", -37.8570, 144.8970, [S, N], "Rowing and paddling overuse."),
        new("Grace Kim", "Essendon", -37.7560, 144.9190, [M, N, C], "Pregnancy and postnatal comfort (with clearance)."),
        new("Lachlan Murray", "Coburg", -37.7440, 144.9660, [S], "Strength athletes and tradespeople."),
        new("Amira Haddad", "Preston", -37.7430, 145.0080, [N], "Tension headaches and TMJ."),
        new("Ethan Clarke", "Northcote", -37.7700, 144.9990, [M, S], "Climbers' forearms and shoulders."),
        new("Isabella Chen", "Heidelberg", -37.7560, 145.0670, [C], "Persistent pain after injury; works with GPs."),
        new("Noah Williams", "Box Hill", -37.8190, 145.1220, [M], "Office necks, mouse arms and tech thumbs."),
        new("Zara Ahmed", "Doncaster", -37.7880, 145.1230, [N, M], "Neck and shoulder pain in musicians."),
        new("Oliver Brown", "Camberwell", -37.8420, 145.0580, [S, C], "Tennis elbow-like pain and golfers."),
        new("Chloe Martin", "Hawthorn", -37.8220, 145.0350, [M, N], "Jaw, face and headache patterns."),
        new("Ryan Papadopoulos", "Glen Waverley", -37.8780, 145.1650, [S], "Basketball and court sports."),
        new("Mei Lin", "Clayton", -37.9150, 145.1290, [C, N], "Older adults; osteoporosis-aware pressure."),
        new("Jack Thompson", "Caulfield", -37.8770, 145.0250, [M], "Low back and hip pain in drivers."),
        new("Ava Singh", "Brighton", -37.9170, 144.9960, [S, M], "Swimmers' shoulders and triathletes."),
        new("Samuel Cohen", "Elsternwick", -37.8850, 145.0000, [N, C], "Whole-body assessments for complex pain."),
        new("Leila Karimi", "Moorabbin", -37.9380, 145.0580, [M, C], "Heel and foot pain; standing workers."),
        new("Benjamin Tran", "Cheltenham", -37.9690, 145.0500, [S], "Golf, cricket and rotational sports."),
        new("Emily O'Connor", "Frankston", -38.1440, 145.1230, [M, N], "Gentle work for first-timers."),
        new("Mohammed Ali", "Dandenong", -37.9870, 145.2150, [C, S], "Manual workers and shift workers."),
        new("Olivia Jones", "Ringwood", -37.8150, 145.2290, [N], "Hip and knee pain in hikers."),
        new("Kenji Watanabe", "Croydon", -37.7950, 145.2810, [M, S], "Martial arts and mobility."),
        new("Fatima Yusuf", "Sunshine", -37.7880, 144.8320, [M, C], "Women's health and pelvic girdle pain."),
        new("Lucas Silva", "Werribee", -37.9040, 144.6600, [S, N], "Football codes and sprinters."),
        new("Ruby Anderson", "Point Cook", -37.9150, 144.7500, [M], "Parents of young children; neck and wrists."),
        new("Matteo Bianchi", "Craigieburn", -37.6000, 144.9430, [N, M], "Drivers and warehouse staff."),
        new("Sienna Taylor", "Bundoora", -37.6980, 145.0600, [C, M], "Students and academics; chronic neck pain."),
        new("Hamish Reid", "Eltham", -37.7140, 145.1480, [S, C], "Trail runners and mountain bikers."),
    ];
}
