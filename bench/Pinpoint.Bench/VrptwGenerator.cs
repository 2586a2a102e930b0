using System.Globalization;
using System.Text;

namespace Pinpoint.Bench;

/// <summary>
/// <c>vrptw-generate --customers N [--kind r|c|rc] [--seed S] --out FILE</c>: a Solomon-format instance in the
/// spirit of the Gehring–Homberger extensions (an area growing with the square root of the size, random or clustered
/// customers, windows of 30–90 minutes in a 1,000-unit horizon), for measuring how the solver scales.
/// </summary>
internal static class VrptwGenerator
{
    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!options.TryGetValue("out", out var output) || !options.TryGetValue("customers", out var count) || !int.TryParse(count, CultureInfo.InvariantCulture, out var n) || n < 2)
        {
            Console.Error.WriteLine("usage: vrptw-generate --customers N [--kind r|c|rc] [--seed S] --out FILE");
            return 2;
        }

        var kind = options.GetValueOrDefault("kind", "rc");
        var random = new Random(int.Parse(options.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture));
        var side = 100 * Math.Sqrt(n / 100.0);
        const double Horizon = 1000;
        var depot = (X: side / 2, Y: side / 2);
        var centres = Enumerable.Range(0, Math.Max(2, n / 25)).Select(_ => (X: random.NextDouble() * side, Y: random.NextDouble() * side)).ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"GEN-{kind.ToUpperInvariant()}-{n}-{options.GetValueOrDefault("seed", "1")}\n\nVEHICLE\nNUMBER     CAPACITY\n  {n / 4}         200\n\nCUSTOMER\n");
        text.Append("CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE TIME\n\n");
        text.Append(CultureInfo.InvariantCulture, $"0 {depot.X:F0} {depot.Y:F0} 0 0 {Horizon:F0} 0\n");
        for (var c = 1; c <= n; c++)
        {
            var clustered = kind == "c" || (kind == "rc" && c % 2 == 0);
            var (x, y) = clustered ? Around(centres[random.Next(centres.Count)], side / 20) : (random.NextDouble() * side, random.NextDouble() * side);
            x = Math.Clamp(Math.Round(x), 0, Math.Round(side));
            y = Math.Clamp(Math.Round(y), 0, Math.Round(side));
            var reach = Math.Sqrt(Math.Pow(x - depot.X, 2) + Math.Pow(y - depot.Y, 2));
            const double Service = 10;
            var width = 30 + random.Next(61);
            var earliest = Math.Ceiling(reach);
            var latest = Math.Floor(Horizon - reach - Service - width);
            var ready = latest <= earliest ? earliest : earliest + random.Next((int)(latest - earliest));
            text.Append(CultureInfo.InvariantCulture, $"{c} {x:F0} {y:F0} {1 + random.Next(40)} {ready:F0} {ready + width:F0} {Service:F0}\n");
        }

        File.WriteAllText(output, text.ToString());
        return 0;

        (double X, double Y) Around((double X, double Y) centre, double spread) =>
            (centre.X + (Gaussian() * spread), centre.Y + (Gaussian() * spread));

        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
