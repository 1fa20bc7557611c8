using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Loyalty.Core.Tests.Persistence;

/// <summary>Damaged variants of a valid file for the loaders' property tests: bit flips, truncations, huge or negative
/// size fields, NaN and infinity injections, swapped words (offsets out of order), insertions, deletions, and random
/// bytes behind a valid header or none. A generated case is (kind, seed); the mutation itself draws from a
/// <see cref="System.Random"/> of that seed, so a failing case reproduces from the two numbers FsCheck prints.</summary>
internal static class ByteMutations
{
    /// <summary>The kinds of damage; <see cref="Apply"/> documents each.</summary>
    internal const int Kinds = 11;

    private static readonly int[] SpecialInts =
    [
        int.MaxValue, int.MinValue, -1, 0, 1, 2, 0x7FFFFFF0, 46_341, 65_536, 65_537, 1 << 30, 0x40000001, 0x20000000, 255, 256,
    ];

    private static readonly float[] SpecialSingles = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, -0f, -1f, 1e-45f];

    private static readonly double[] SpecialDoubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -1, 0, 1e308, -1e308];

    /// <summary>Property-test settings with a fixed seed, so CI runs the same inputs every time.</summary>
    internal static Config Seeded(int maxTest, ulong seed) =>
        Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    /// <summary>(kind, seed) pairs; <see cref="Apply"/> turns one into bytes.</summary>
    internal static Arbitrary<(int Kind, int Seed)> Cases() =>
        Gen.Zip(Gen.Choose(0, Kinds - 1), Gen.Choose(0, int.MaxValue)).Select(t => (t.Item1, t.Item2)).ToArbitrary();

    /// <summary>The damaged copy of <paramref name="valid"/> for one case; <paramref name="headerLength"/> bytes
    /// (magic, format name, version) are kept by the random-body kind so the body parser is reached.</summary>
    internal static byte[] Apply(byte[] valid, int headerLength, int kind, int seed)
    {
        var random = new System.Random(seed);
        return Mutate(valid, headerLength, kind, random, depth: 0);
    }

    private static byte[] Mutate(byte[] valid, int headerLength, int kind, System.Random random, int depth)
    {
        var bytes = (byte[])valid.Clone();
        switch (kind)
        {
            case 0: // flip 1 to 8 bits anywhere
                for (int i = random.Next(1, 9); i > 0 && bytes.Length > 0; i--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1: // truncate
                return bytes[..random.Next(bytes.Length + 1)];
            case 2: // a huge, negative or boundary 32-bit value at any offset (size and count fields)
                return Put(bytes, random, BitConverter.GetBytes(random.Next(3) == 0 ? random.Next(int.MinValue, int.MaxValue) : SpecialInts[random.Next(SpecialInts.Length)]));
            case 3: // NaN, infinity or an extreme float at any offset (factors, centroids, clip bounds)
                return Put(bytes, random, BitConverter.GetBytes(SpecialSingles[random.Next(SpecialSingles.Length)]));
            case 4: // NaN, infinity or an extreme double at any offset (parameters, means, scales)
                return Put(bytes, random, BitConverter.GetBytes(SpecialDoubles[random.Next(SpecialDoubles.Length)]));
            case 5: // swap two 4-byte words (offsets and indices out of order)
                if (bytes.Length >= 8)
                {
                    int a = random.Next(bytes.Length - 3), b = random.Next(bytes.Length - 3);
                    byte[] wordA = bytes[a..(a + 4)], wordB = bytes[b..(b + 4)];
                    wordB.CopyTo(bytes, a);
                    wordA.CopyTo(bytes, b);
                }

                return bytes;
            case 6: // random bytes behind the valid header
                {
                    var body = new byte[random.Next(0, 200)];
                    random.NextBytes(body);
                    return [.. valid.AsSpan(0, Math.Min(headerLength, valid.Length)), .. body];
                }

            case 7: // random bytes, no header at all
                {
                    var noise = new byte[random.Next(0, 200)];
                    random.NextBytes(noise);
                    return noise;
                }

            case 8: // insert random bytes
                {
                    int at = random.Next(bytes.Length + 1);
                    var extra = new byte[random.Next(1, 9)];
                    random.NextBytes(extra);
                    return [.. bytes.AsSpan(0, at), .. extra, .. bytes.AsSpan(at)];
                }

            case 9: // delete a range
                {
                    int at = random.Next(bytes.Length + 1);
                    int count = random.Next(0, Math.Min(16, bytes.Length - at) + 1);
                    return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + count)];
                }

            default: // two mutations of the kinds above, one on top of the other
                if (depth > 0)
                {
                    return bytes;
                }

                var once = Mutate(bytes, headerLength, random.Next(Kinds - 1), random, depth + 1);
                return Mutate(once, headerLength, random.Next(Kinds - 1), random, depth + 1);
        }
    }

    private static byte[] Put(byte[] bytes, System.Random random, byte[] value)
    {
        if (bytes.Length >= value.Length)
        {
            value.CopyTo(bytes, random.Next(bytes.Length - value.Length + 1));
        }

        return bytes;
    }
}
