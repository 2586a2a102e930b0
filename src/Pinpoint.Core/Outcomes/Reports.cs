using System.Globalization;
using System.Text;

namespace Pinpoint.Core.Outcomes;

/// <summary>One client's course on one instrument: where they started, where they are, and after how many sessions they first reached the MCID.</summary>
public sealed record EpisodeOutcome(
    string ClientKey, string Modality, string Complaint, string Therapist, string InstrumentId, double Baseline, double Latest, int? SessionsToMcid);

/// <summary>Outcomes of a group of clients on one instrument.</summary>
public sealed record GroupOutcome(
    string Dimension, string Group, string InstrumentId, int Clients, double MeanImprovement, double ShareReachingMcid, double? MedianSessionsToMcid);

/// <summary>
/// Outcomes by modality, complaint or therapist for the operator. Groups of fewer than <see cref="MinimumGroupSize"/>
/// clients are left out entirely (only how many were left out is told), so no one can be picked out of a small group.
/// </summary>
public static class OutcomeReport
{
    public const int MinimumGroupSize = 5;

    public static (IReadOnlyList<GroupOutcome> Shown, int Hidden) By(string dimension, Func<EpisodeOutcome, string> group, IEnumerable<EpisodeOutcome> episodes)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(episodes);
        var shown = new List<GroupOutcome>();
        var hidden = 0;
        foreach (var g in episodes.GroupBy(e => (Group: group(e), e.InstrumentId)).OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.InstrumentId, StringComparer.Ordinal))
        {
            // One client counts once per group and instrument, whatever the number of their episodes.
            var perClient = g.GroupBy(e => e.ClientKey).Select(c => c.Last()).ToList();
            if (perClient.Count < MinimumGroupSize || OutcomeMeasures.Find(g.Key.InstrumentId) is not { } instrument)
            {
                hidden++;
                continue;
            }

            var changes = perClient.Select(e => OutcomeMeasures.Change(instrument, e.Baseline, e.Latest)).ToList();
            var reached = perClient.Where(e => e.SessionsToMcid is not null).Select(e => (double)e.SessionsToMcid!.Value).Order().ToList();
            shown.Add(new GroupOutcome(
                dimension, g.Key.Group, g.Key.InstrumentId, perClient.Count, Math.Round(changes.Average(c => c.Improvement), 2),
                Math.Round(changes.Count(c => c.Kind == ChangeKind.Improved) / (double)perClient.Count, 3),
                reached.Count == 0 ? null : Median(reached)));
        }

        return (shown, hidden);
    }

    public static string ToCsv(IEnumerable<GroupOutcome> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return Csv.Write(
            ["dimension", "group", "instrument", "clients", "mean_improvement", "share_reaching_mcid", "median_sessions_to_mcid"],
            groups.Select(g => new[]
            {
                g.Dimension, g.Group, g.InstrumentId, g.Clients.ToString(CultureInfo.InvariantCulture), g.MeanImprovement.ToString("0.##", CultureInfo.InvariantCulture),
                g.ShareReachingMcid.ToString("0.###", CultureInfo.InvariantCulture), g.MedianSessionsToMcid?.ToString("0.#", CultureInfo.InvariantCulture) ?? "",
            }));
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

/// <summary>
/// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled, lines end in CRLF. Text that a
/// spreadsheet would run as a formula (starting with = + - @ or a tab) is prefixed with an apostrophe; numbers are not.
/// </summary>
public static class Csv
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows)
        {
            Line(text, row);
        }

        return text.ToString();
    }

    public static string Field(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && "=+-@\t\r".Contains(v[0], StringComparison.Ordinal) && !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            v = "'" + v;
        }

        return v.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : v;
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> fields)
    {
        text.Append(string.Join(',', fields.Select(Field)));
        text.Append("\r\n");
    }
}
