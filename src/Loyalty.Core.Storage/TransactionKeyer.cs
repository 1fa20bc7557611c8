using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Loyalty.Core.Storage;

/// <summary>
/// Gives each transaction of one ingest its natural key, so that ingesting the same data again adds nothing.
/// With an order id the key is the stored customer id and the order id (a repeated order of one customer is a
/// duplicate, as in the file readers; two customers whose orders share an id are two transactions). Without one,
/// the key is the content (stored customer id, timestamp, amount) plus its occurrence number among identical rows of
/// this ingest: two identical rows in a file are two purchases and are both kept, and reading the same file again
/// gives the same occurrence numbers, so neither is stored twice.
/// </summary>
/// <remarks>Keys are the transaction's day (3 bytes, big-endian) followed by 104 bits of XXH128 over a tagged
/// encoding. A non-cryptographic hash is enough here: keys guard against accidental repeats, not forgery (ids are
/// protected by the keyed pseudonym), and two different rows of one day collide with probability about 2⁻¹⁰⁴ —
/// while SHA-256 through the platform's crypto library cost more than the whole database insert. Day first: a log arriving in time order appends to the key index instead of scattering writes over it, which
/// decides ingest speed once the index outgrows memory. The natural key of an order is therefore its customer, id and day.
/// Occurrences are counted on a 64-bit hash
/// of the content (the first key; about 24 bytes per distinct row during one ingest). A hash collision between different rows
/// only changes an occurrence number, never merges rows, because the content is part of the key.
/// <para>Key versions (<see cref="Version1"/>, <see cref="Version2"/>): version 1 keyed an order by its id alone,
/// so two customers' orders sharing an id merged. A store that already held transactions when it was migrated to
/// schema version 2 keeps version 1 (recorded in <c>loyalty_meta</c> as <c>transaction_key_version</c>), so that
/// re-ingesting the logs it was built from still adds nothing; every other store uses version 2.</para></remarks>
internal sealed class TransactionKeyer(CustomerPseudonymizer pseudonymizer, int version = TransactionKeyer.Version2)
{
    /// <summary>Orders keyed by order id and day only (stores built before schema version 2).</summary>
    internal const int Version1 = 1;

    /// <summary>Orders keyed by stored customer id, order id and day.</summary>
    internal const int Version2 = 2;

    private const int MaxCachedPseudonyms = 1 << 22;
    private readonly HashSet<ulong> _seen = [];
    private readonly Dictionary<string, string> _pseudonyms = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, int> _repeats = [];
    private byte[] _buffer = new byte[256];

    internal StoredTransaction Prepare(in Transaction transaction, long row)
    {
        string id = transaction.CustomerId.Value
            ?? throw new ArgumentException($"Transaction {row}: the customer id is missing.", nameof(transaction));
        string customerKey = StoredId(id);

        // Messages name the stored id: with a key set, the raw id must not reach a log or terminal.
        string who = pseudonymizer.IsKeyed ? customerKey : id;
        long amount = StoreMoney.ToE4(transaction.Amount, $"Transaction {row} (customer '{who}')");
        long ticks = transaction.Timestamp.Ticks;
        if (transaction.ItemIds is { } items && items.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"Transaction {row} (customer '{who}') has an empty item id.", nameof(transaction));
        }

        byte[] key;
        if (transaction.OrderId is { Length: > 0 } orderId)
        {
            key = version == Version1
                ? Hash('o', orderId, 0, 0, 0, ticks)
                : Hash('p', OrderText(customerKey, orderId), 0, 0, 0, ticks);
        }
        else
        {
            // The first occurrence's key doubles as the content hash that counts repeats: one hash per row.
            key = Hash('c', customerKey, ticks, amount, 0, ticks);
            int occurrence = Occurrence(BinaryPrimitives.ReadUInt64LittleEndian(key.AsSpan(3)));
            if (occurrence > 0)
            {
                key = Hash('c', customerKey, ticks, amount, occurrence, ticks);
            }
        }

        return new StoredTransaction(key, customerKey, ticks, amount, transaction.OrderId, transaction.ItemIds);
    }

    /// <summary>Pseudonyms of recent customers: a customer buys many times, and the HMAC costs more than the
    /// rest of the row's preparation. Cleared when it grows past a few million entries.</summary>
    private string StoredId(string id)
    {
        if (!pseudonymizer.IsKeyed)
        {
            return pseudonymizer.PseudonymizeValue(id);
        }

        if (_pseudonyms.TryGetValue(id, out var known))
        {
            return known;
        }

        if (_pseudonyms.Count >= MaxCachedPseudonyms)
        {
            _pseudonyms.Clear();
        }

        return _pseudonyms[id] = pseudonymizer.PseudonymizeValue(id);
    }

    /// <summary>Customer and order in one unambiguous text: the customer id's length first, so no pair of
    /// (customer, order) strings can encode like another.</summary>
    private static string OrderText(string customerKey, string orderId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{customerKey.Length}:{customerKey}{orderId}");

    private int Occurrence(ulong contentHash)
    {
        if (_seen.Add(contentHash))
        {
            return 0;
        }

        int occurrence = _repeats.TryGetValue(contentHash, out int previous) ? previous + 1 : 1;
        _repeats[contentHash] = occurrence;
        return occurrence;
    }

    private ReadOnlySpan<byte> Utf8(string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length) + 32;
        if (_buffer.Length < max)
        {
            _buffer = new byte[max * 2];
        }

        int length = Encoding.UTF8.GetBytes(text, _buffer);
        return _buffer.AsSpan(0, length);
    }

    private byte[] Hash(char tag, string text, long ticks, long amount, int occurrence, long dayTicks)
    {
        int length = Utf8(text).Length;
        var buffer = _buffer.AsSpan();
        buffer[length] = (byte)tag;
        BinaryPrimitives.WriteInt64LittleEndian(buffer[(length + 1)..], ticks);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[(length + 9)..], amount);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[(length + 17)..], occurrence);
        Span<byte> digest = stackalloc byte[16];
        XxHash128.Hash(buffer[..(length + 21)], digest);
        var key = new byte[16];
        int day = (int)(dayTicks / TimeSpan.TicksPerDay);
        key[0] = (byte)(day >> 16);
        key[1] = (byte)(day >> 8);
        key[2] = (byte)day;
        digest[..13].CopyTo(key.AsSpan(3));
        return key;
    }
}
