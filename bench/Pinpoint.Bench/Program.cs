using BenchmarkDotNet.Running;

namespace Pinpoint.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Pinpoint.Bench -- --filter *</c> runs every BenchmarkDotNet suite;
/// <c>-- availability-sqlite</c>, <c>-- availability-postgres</c> and <c>-- booking-throughput</c> run the measurements at scale; <c>bench/nodes.sh</c> runs <c>nodes-seed</c>, <c>nodes-load</c> and <c>lease-cost</c> against one and two nodes behind nginx; <c>-- vrptw …</c> solves VRPTW instances and <c>-- vrptw-generate …</c> writes larger ones. See docs/benchmarks.md.
/// </summary>
public static class BenchMain
{
    public static async Task Main(string[] args)
    {
        switch (args)
        {
            case ["availability-sqlite"]:
                await AvailabilityAtScale.RunAsync();
                break;
            case ["availability-postgres"]:
                await AvailabilityAtScale.RunPostgresAsync();
                break;
            case ["booking-throughput"]:
                await BookingThroughput.RunAsync();
                break;
            case ["nodes-seed", var connection]:
                await NodesThroughput.SeedAsync(connection);
                break;
            case ["nodes-load", var url, var certificate, var connection, var workload]:
                Environment.ExitCode = await NodesThroughput.LoadAsync(new Uri(url), certificate, connection, workload);
                break;
            case ["lease-cost", var connection]:
                await NodesThroughput.LeaseCostAsync(connection);
                break;
            case ["vrptw", .. var rest]:
                Environment.ExitCode = VrptwCommand.Run(rest);
                break;
            case ["vrptw-generate", .. var rest]:
                Environment.ExitCode = VrptwGenerator.Run(rest);
                break;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(ReferralBenchmarks).Assembly).Run(args);
                break;
        }
    }
}
