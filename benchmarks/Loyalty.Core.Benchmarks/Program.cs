using BenchmarkDotNet.Running;
using Loyalty.Core.Benchmarks.Storage;

// Wall-clock modes for sizes BenchmarkDotNet's repetitions make impractical; everything else is BenchmarkDotNet.
if (args.Length > 0 && args[0] == "store-throughput")
{
    return await StoreThroughput.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
