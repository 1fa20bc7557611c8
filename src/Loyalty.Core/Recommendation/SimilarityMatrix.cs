namespace Loyalty.Core.Recommendation;

/// <summary>Dense symmetric similarities between the rows of a rating matrix (users, or items), from co-rated
/// statistics accumulated over the other side's lists. O(n²) memory: meant for catalogues of thousands, not
/// millions.</summary>
internal static class SimilarityMatrix
{
    /// <summary>sim[a·n + b] for rows a, b of <paramref name="rows"/>, computed through <paramref name="columns"/>
    /// (the transposed view: for each column, the rows that have it).</summary>
    internal static float[] Compute(SparseRows rows, SparseRows columns, KnnSimilarity measure, float shrinkage)
    {
        int n = rows.RowCount;
        var count = new int[n * n];
        var sxy = new float[n * n];
        var sxx = new float[n * n];
        var syy = new float[n * n];
        var sx = new float[n * n];
        var sy = new float[n * n];
        for (int c = 0; c < columns.RowCount; c++)
        {
            var who = columns.ColumnsOf(c);
            var value = columns.ValuesOf(c);
            for (int i = 0; i < who.Length; i++)
            {
                int a = who[i];
                float x = value[i];
                for (int j = i + 1; j < who.Length; j++)
                {
                    // who is sorted, so a < b and only the upper triangle is accumulated.
                    int at = (a * n) + who[j];
                    float y = value[j];
                    count[at]++;
                    sxy[at] += x * y;
                    sxx[at] += x * x;
                    syy[at] += y * y;
                    sx[at] += x;
                    sy[at] += y;
                }
            }
        }

        var sim = new float[n * n];
        for (int a = 0; a < n; a++)
        {
            sim[(a * n) + a] = 1f;
            for (int b = a + 1; b < n; b++)
            {
                int at = (a * n) + b;
                float s = Similarity(measure, count[at], sxy[at], sxx[at], syy[at], sx[at], sy[at]);
                if (shrinkage > 0f && count[at] > 0)
                {
                    s *= (count[at] - 1) / (count[at] - 1 + shrinkage);
                }

                sim[at] = s;
                sim[(b * n) + a] = s;
            }
        }

        return sim;
    }

    private static float Similarity(KnnSimilarity measure, int n, double xy, double xx, double yy, double x, double y)
    {
        if (n == 0)
        {
            return 0f;
        }

        if (measure == KnnSimilarity.Cosine)
        {
            double d = Math.Sqrt(xx * yy);
            return d > 0 ? (float)(xy / d) : 0f;
        }

        double num = xy - (x * y / n);
        double den = Math.Sqrt(Math.Max(0, xx - (x * x / n)) * Math.Max(0, yy - (y * y / n)));
        return den > 1e-12 ? (float)(num / den) : 0f;
    }
}
