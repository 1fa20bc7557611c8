namespace Loyalty.Core.Recommendation;

/// <summary>Keeps the <c>count</c> best (score, index) pairs seen so far in a min-heap: O(n log count) over n
/// candidates, never a full sort. Ties go to the lower index so results are deterministic.</summary>
internal sealed class TopN
{
    private readonly float[] _scores;
    private readonly int[] _indexes;
    private int _size;

    internal TopN(int count)
    {
        _scores = new float[count];
        _indexes = new int[count];
    }

    internal int Count => _size;

    /// <summary>Offers a candidate; it is kept if it beats the current worst kept one.</summary>
    internal void Offer(float score, int index)
    {
        if (_scores.Length == 0)
        {
            return;
        }

        if (_size < _scores.Length)
        {
            int at = _size++;
            _scores[at] = score;
            _indexes[at] = index;
            SiftUp(at);
        }
        else if (Better(score, index, _scores[0], _indexes[0]))
        {
            _scores[0] = score;
            _indexes[0] = index;
            SiftDown(0);
        }
    }

    /// <summary>The kept pairs, best first.</summary>
    internal (float Score, int Index)[] ToSortedArray()
    {
        var result = new (float Score, int Index)[_size];
        for (int i = 0; i < _size; i++)
        {
            result[i] = (_scores[i], _indexes[i]);
        }

        Array.Sort(result, static (a, b) => Better(a.Score, a.Index, b.Score, b.Index) ? -1 : Better(b.Score, b.Index, a.Score, a.Index) ? 1 : 0);
        return result;
    }

    private static bool Better(float s1, int i1, float s2, int i2) => s1 > s2 || (s1 == s2 && i1 < i2);

    private void SiftUp(int at)
    {
        while (at > 0)
        {
            int parent = (at - 1) / 2;
            if (!Better(_scores[parent], _indexes[parent], _scores[at], _indexes[at]))
            {
                break;
            }

            Swap(at, parent);
            at = parent;
        }
    }

    private void SiftDown(int at)
    {
        while (true)
        {
            int left = (2 * at) + 1;
            if (left >= _size)
            {
                return;
            }

            int worst = left;
            int right = left + 1;
            if (right < _size && Better(_scores[left], _indexes[left], _scores[right], _indexes[right]))
            {
                worst = right;
            }

            if (!Better(_scores[at], _indexes[at], _scores[worst], _indexes[worst]))
            {
                return;
            }

            Swap(at, worst);
            at = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_indexes[a], _indexes[b]) = (_indexes[b], _indexes[a]);
    }
}
