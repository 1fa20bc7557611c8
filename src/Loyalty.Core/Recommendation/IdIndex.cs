namespace Loyalty.Core.Recommendation;

/// <summary>A bijection between string keys and dense indexes 0..Count-1, in order of first appearance.</summary>
internal sealed class IdIndex
{
    private readonly Dictionary<string, int> _index;
    private readonly List<string> _keys;

    internal IdIndex()
    {
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        _keys = [];
    }

    internal IdIndex(IEnumerable<string> keys)
        : this()
    {
        foreach (string key in keys)
        {
            if (!_index.TryAdd(key, _keys.Count))
            {
                throw new InvalidDataException($"Duplicate key '{key}' in a saved index.");
            }

            _keys.Add(key);
        }
    }

    internal int Count => _keys.Count;

    internal IReadOnlyList<string> Keys => _keys;

    internal string this[int index] => _keys[index];

    internal int GetOrAdd(string key)
    {
        if (!_index.TryGetValue(key, out int index))
        {
            index = _keys.Count;
            _index.Add(key, index);
            _keys.Add(key);
        }

        return index;
    }

    internal bool TryGet(string key, out int index) => _index.TryGetValue(key, out index);

    internal IdIndex Clone() => new(_keys);
}
