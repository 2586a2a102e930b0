using Pinpoint.Core.Outcomes;

namespace Pinpoint.Core.Tests.Outcomes;

public sealed class OutcomeReportTests
{
    private static EpisodeOutcome Episode(int client, string modality, double baseline, double latest, int? sessions = null, string instrument = "ndi") =>
        new($"c{client}", modality, "Neck pain", "Maya", instrument, baseline, latest, sessions);

    [Fact]
    public void Groups_of_fewer_than_five_clients_are_left_out()
    {
        var episodes = Enumerable.Range(1, 5).Select(i => Episode(i, "clinical", 20, 10, 3))
            .Concat(Enumerable.Range(6, 4).Select(i => Episode(i, "sports", 20, 10, 3)));

        var (shown, hidden) = OutcomeReport.By("modality", e => e.Modality, episodes);

        Assert.Equal(["clinical"], shown.Select(g => g.Group));
        Assert.Equal(1, hidden);
    }

    [Fact]
    public void A_client_counts_once_per_group_so_repeats_cannot_pad_a_small_group()
    {
        var episodes = Enumerable.Range(1, 4).Select(i => Episode(i, "clinical", 20, 10)).Append(Episode(1, "clinical", 18, 9));

        Assert.Empty(OutcomeReport.By("modality", e => e.Modality, episodes).Shown);
    }

    [Fact]
    public void Mean_change_share_reaching_the_mcid_and_median_sessions_are_computed_per_group()
    {
        EpisodeOutcome[] episodes =
        [
            Episode(1, "nmt", 20, 10, 3), Episode(2, "nmt", 20, 12.5, 6), Episode(3, "nmt", 20, 15), Episode(4, "nmt", 20, 22), Episode(5, "nmt", 20, 5, 2),
        ];

        var group = OutcomeReport.By("modality", e => e.Modality, episodes).Shown.Single();

        Assert.Equal(5, group.Clients);
        Assert.Equal((10 + 7.5 + 5 - 2 + 15) / 5, group.MeanImprovement, 6);
        Assert.Equal(0.6, group.ShareReachingMcid, 6);
        Assert.Equal(3, group.MedianSessionsToMcid);
    }

    [Fact]
    public void Csv_quotes_commas_quotes_and_line_breaks_and_defuses_formulas()
    {
        var csv = Csv.Write(["a", "b", "c", "d"], [["plain", "with, comma", "say \"hi\"", "two\nlines"], ["=HYPERLINK(\"x\")", "-2.5", "@home", "+61"]]);

        Assert.Equal(
            "a,b,c,d\r\nplain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\"'=HYPERLINK(\"\"x\"\")\",-2.5,'@home,+61\r\n",
            csv);
    }

    [Fact]
    public void The_report_csv_has_a_header_and_one_row_per_shown_group()
    {
        var episodes = Enumerable.Range(1, 5).Select(i => Episode(i, "Clinical, long-standing", 20, 10, 3));
        var (shown, _) = OutcomeReport.By("modality", e => e.Modality, episodes);

        var lines = OutcomeReport.ToCsv(shown).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("dimension,group,instrument,clients,mean_improvement,share_reaching_mcid,median_sessions_to_mcid", lines[0]);
        Assert.Equal("modality,\"Clinical, long-standing\",ndi,5,10,1,3", lines[1]);
    }
}
