using Loyalty.Core.Numerics;

namespace Loyalty.Core.Segmentation;

/// <summary>A uniform grid with cells of side ε over low-dimensional points: the ε-neighbours of a point lie in its
/// own cell or one of the 3^d − 1 cells around it, so a range query touches O(3^d · points per cell) points instead
/// of all n.</summary>
internal sealed class NeighbourGrid
{
    /// <summary>3^d cells per query grows fast; beyond this many dimensions a grid stops paying off.</summary>
    internal const int MaxDimensions = 8;

    private readonly float[] _points;
    private readonly int _d;
    private readonly float _eps;
    private readonly float _epsSquared;
    private readonly Dictionary<CellKey, int[]> _cells = new();

    internal NeighbourGrid(float[] points, int rows, int d, float eps)
    {
        _points = points;
        _d = d;
        _eps = eps;
        _epsSquared = eps * eps;
        var members = new Dictionary<CellKey, List<int>>();
        var coords = new int[d];
        for (int i = 0; i < rows; i++)
        {
            CellOf(points.AsSpan(i * d, d), coords);
            var key = new CellKey(coords.ToArray());
            if (!members.TryGetValue(key, out var list))
            {
                members[key] = list = [];
            }

            list.Add(i);
        }

        foreach (var (key, list) in members)
        {
            _cells[key] = list.ToArray();
        }
    }

    /// <summary>Indices of all points within ε of <paramref name="x"/> (itself included), in ascending order per cell.</summary>
    internal void Query(ReadOnlySpan<float> x, List<int> result)
    {
        result.Clear();
        var centre = new int[_d];
        CellOf(x, centre);
        var offset = new int[_d];
        Array.Fill(offset, -1);
        var probe = new int[_d];
        while (true)
        {
            for (int j = 0; j < _d; j++)
            {
                probe[j] = centre[j] + offset[j];
            }

            if (_cells.TryGetValue(new CellKey(probe), out int[]? members))
            {
                foreach (int i in members)
                {
                    if (DistanceKernels.SquaredEuclidean(x, _points.AsSpan(i * _d, _d)) <= _epsSquared)
                    {
                        result.Add(i);
                    }
                }
            }

            // Next offset in {−1, 0, 1}^d, like an odometer.
            int digit = 0;
            while (digit < _d && offset[digit] == 1)
            {
                offset[digit] = -1;
                digit++;
            }

            if (digit == _d)
            {
                return;
            }

            offset[digit]++;
        }
    }

    private void CellOf(ReadOnlySpan<float> x, Span<int> cell, string parameterName = "features")
    {
        for (int j = 0; j < _d; j++)
        {
            double position = Math.Floor(x[j] / (double)_eps);
            if (position is < int.MinValue + 2 or > int.MaxValue - 2)
            {
                throw new ArgumentException(
                    $"Value {x[j]} in column {j} is too far from 0 for eps {_eps}: scale the features or raise eps.", parameterName);
            }

            cell[j] = (int)position;
        }
    }

    private readonly struct CellKey : IEquatable<CellKey>
    {
        private readonly int[] _coords;
        private readonly int _hash;

        internal CellKey(int[] coords)
        {
            _coords = coords;
            var hash = default(HashCode);
            foreach (int c in coords)
            {
                hash.Add(c);
            }

            _hash = hash.ToHashCode();
        }

        public bool Equals(CellKey other) => _coords.AsSpan().SequenceEqual(other._coords);

        public override bool Equals(object? obj) => obj is CellKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
