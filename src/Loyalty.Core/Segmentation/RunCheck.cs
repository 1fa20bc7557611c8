using System.Globalization;
using Loyalty.Core.Numerics;

namespace Loyalty.Core.Segmentation;

/// <summary>The last line of defence after a k-means run: a non-finite inertia or centroid is an error, never a
/// model reported as converged.</summary>
internal static class RunCheck
{
    /// <exception cref="TrainingDivergedException">The inertia or a centroid is NaN or infinite.</exception>
    internal static void EnsureFinite(KMeansRun result, int run, string optionName)
    {
        int bad = MagnitudeScan.FirstBeyond(result.Centroids, float.MaxValue);
        if (double.IsFinite(result.Inertia) && bad < 0)
        {
            return;
        }

        string what = bad >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"centroid value {bad} is {result.Centroids[bad]}")
            : string.Create(CultureInfo.InvariantCulture, $"the inertia is {result.Inertia}");
        throw new TrainingDivergedException(
            string.Create(
                CultureInfo.InvariantCulture,
                $"k-means run {run + 1} diverged after {result.Iterations} iterations: {what}; rescale or standardise the features ({optionName})."),
            result.Iterations,
            result.Inertia,
            optionName);
    }
}
