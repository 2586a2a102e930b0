using BenchmarkDotNet.Running;
using Pinpoint.Bench;

// `dotnet run -c Release --project bench/Pinpoint.Bench -- --filter *` runs every BenchmarkDotNet suite;
// `-- availability-sqlite` runs the availability-at-scale measurement. See docs/benchmarks.md.
if (args is ["availability-sqlite"])
{
    await AvailabilityAtScale.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ReferralBenchmarks).Assembly).Run(args);
