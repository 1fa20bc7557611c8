using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Core.Features;

/// <summary>
/// Maps UTF-8 keys (customer ids) to dense indexes 0, 1, 2, ... in order of first appearance.
/// </summary>
/// <remarks>
/// Why not <c>Dictionary&lt;string, int&gt;</c>: with a million customers in random order every lookup of the
/// dictionary costs three dependent cache misses (bucket, entry, string), which made interning ten times the cost
/// of parsing. Here a lookup is one 32-byte slot of an open-addressing table: keys up to 16 bytes live inside the
/// slot, with their 64-bit hash, so a hit or a miss touches one cache line; longer keys compare against the key
/// arena after the hash matches. Callers that process rows in batches can <see cref="Prefetch"/> the slots of the
/// next rows so the misses overlap. Keys are compared exactly; the hash only finds the slot. The hash is seeded
/// per instance, so crafted ids cannot force collisions across runs; results never depend on the seed.
/// Not thread-safe.
/// </remarks>
internal sealed unsafe class Utf8KeyIndex
{
    private const int InlineBytes = 16;
    private const ulong Prime1 = 0x9E3779B97F4A7C15;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4F;
    private readonly ulong _seed;
    private Slot[] _slots;
    private byte[] _arena = new byte[1 << 16];
    private int[] _offsets = new int[1 << 12];
    private int _arenaLength;

    internal Utf8KeyIndex(int capacity = 1 << 10)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _slots = GC.AllocateArray<Slot>(size, pinned: true);
        // The seed must be unpredictable to whoever chooses the ids (a guessable seed lets them precompute colliding
        // keys), so it comes from the OS generator; a seed from options would be known to anyone who reads them.
        Span<byte> seed = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(seed);
        _seed = BinaryPrimitives.ReadUInt64LittleEndian(seed) | 1;
    }

    /// <summary>Number of distinct keys.</summary>
    internal int Count { get; private set; }

    /// <summary>The hash <see cref="GetOrAdd"/> expects for <paramref name="key"/>.</summary>
    internal ulong Hash(ReadOnlySpan<byte> key)
    {
        ulong h = _seed ^ ((ulong)key.Length * Prime1);
        while (key.Length >= 8)
        {
            h = Mix(h ^ BinaryPrimitives.ReadUInt64LittleEndian(key), Prime2);
            key = key[8..];
        }

        if (!key.IsEmpty)
        {
            ulong tail = 0;
            for (int i = 0; i < key.Length; i++)
            {
                tail |= (ulong)key[i] << (8 * i);
            }

            h = Mix(h ^ tail, Prime2);
        }

        return Mix(h, Prime1);
    }

    /// <summary>Asks the processor to bring the slot of <paramref name="hash"/> into cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Prefetch(ulong hash)
    {
        if (Sse.IsSupported)
        {
            // The slots live on the pinned heap, so the address is stable.
            Sse.Prefetch0(Unsafe.AsPointer(ref _slots[(int)(hash & (ulong)(_slots.Length - 1))]));
        }
    }

    /// <summary>The index of <paramref name="key"/>, adding it when new.</summary>
    /// <param name="key">The key bytes.</param>
    /// <param name="hash">Its <see cref="Hash"/>.</param>
    internal int GetOrAdd(ReadOnlySpan<byte> key, ulong hash)
    {
        var (k0, k1) = InlinePrefix(key);
        int mask = _slots.Length - 1;
        for (int i = (int)(hash & (ulong)mask); ; i = (i + 1) & mask)
        {
            ref Slot slot = ref _slots[i];
            if (slot.IndexPlusOne == 0)
            {
                return Insert(ref slot, key, hash, k0, k1);
            }

            if (slot.Hash == hash && slot.Length == key.Length && slot.K0 == k0 && slot.K1 == k1
                && (key.Length <= InlineBytes || Key(slot.IndexPlusOne - 1).SequenceEqual(key)))
            {
                return slot.IndexPlusOne - 1;
            }
        }
    }

    /// <summary>The bytes of key <paramref name="index"/>.</summary>
    internal ReadOnlySpan<byte> Key(int index) => _arena.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>All keys as strings, by index.</summary>
    internal string[] KeysAsStrings()
    {
        var keys = new string[Count];
        for (int i = 0; i < Count; i++)
        {
            keys[i] = Encoding.UTF8.GetString(Key(i));
        }

        return keys;
    }

    private int Insert(ref Slot slot, ReadOnlySpan<byte> key, ulong hash, ulong k0, ulong k1)
    {
        int index = Count;
        AppendToArena(key);
        slot = new Slot { Hash = hash, K0 = k0, K1 = k1, Length = key.Length, IndexPlusOne = index + 1 };
        Count++;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return index;
    }

    private void AppendToArena(ReadOnlySpan<byte> key)
    {
        if (Count + 2 > _offsets.Length)
        {
            Array.Resize(ref _offsets, _offsets.Length * 2);
        }

        long needed = (long)_arenaLength + key.Length;
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException($"Customer ids take more than {Array.MaxLength} bytes in total; shard the log and merge RfmPartials.");
        }

        if (needed > _arena.Length)
        {
            Array.Resize(ref _arena, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_arena.Length * 2)));
        }

        key.CopyTo(_arena.AsSpan(_arenaLength));
        _arenaLength += key.Length;
        _offsets[Count + 1] = _arenaLength;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = GC.AllocateArray<Slot>(old.Length * 2, pinned: true);
        int mask = _slots.Length - 1;
        foreach (ref readonly Slot slot in old.AsSpan())
        {
            if (slot.IndexPlusOne == 0)
            {
                continue;
            }

            int i = (int)(slot.Hash & (ulong)mask);
            while (_slots[i].IndexPlusOne != 0)
            {
                i = (i + 1) & mask;
            }

            _slots[i] = slot;
        }
    }

    private static (ulong K0, ulong K1) InlinePrefix(ReadOnlySpan<byte> key)
    {
        Span<byte> padded = stackalloc byte[InlineBytes];
        padded.Clear();
        key[..Math.Min(key.Length, InlineBytes)].CopyTo(padded);
        return (BinaryPrimitives.ReadUInt64LittleEndian(padded), BinaryPrimitives.ReadUInt64LittleEndian(padded[8..]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong a, ulong b)
    {
        ulong high = Math.BigMul(a, b, out ulong low);
        return high ^ low;
    }

    private struct Slot
    {
        public ulong Hash;
        public ulong K0;
        public ulong K1;
        public int Length;
        public int IndexPlusOne;
    }
}
