using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Pinpoint.Bench -- --filter *` runs every suite; see docs/benchmarks.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
