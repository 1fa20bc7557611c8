using System.Globalization;
using Loyalty.Core.Numerics;

namespace Loyalty.Core.Recommendation;

/// <summary>The per-epoch check of trained parameters: one vectorised pass over the factor and bias arrays (far
/// cheaper than an epoch, which touches every rating), throwing <see cref="TrainingDivergedException"/> when a
/// value is NaN, infinite or past <see cref="ParameterLimit"/>. The loss is computed only to word the error.</summary>
internal static class DivergenceGuard
{
    /// <summary>No trained parameter may exceed this magnitude: products of two such values summed over any
    /// realistic factor count stay far inside float range, while sane models of ratings stay many orders below.</summary>
    internal const float ParameterLimit = 1e15f;

    /// <summary>Throws when any of <paramref name="parameters"/> (named arrays) is out of range.</summary>
    /// <param name="algorithm">"svd", "svdpp", "als", "baseline".</param>
    /// <param name="epoch">The epoch just run, from 1.</param>
    /// <param name="epochs">The epochs of the fit.</param>
    /// <param name="loss">Computes the training loss (only called on failure).</param>
    /// <param name="lossName">"RMSE", "loss".</param>
    /// <param name="optionName">The options property to change.</param>
    /// <param name="advice">What to do, e.g. "lower LearningRate (was 5)".</param>
    /// <param name="parameters">The arrays to screen, each with a name for the message.</param>
    internal static void AfterEpoch(
        string algorithm, int epoch, int epochs, Func<double> loss, string lossName, string optionName, string advice,
        params ReadOnlySpan<(string Name, float[] Values)> parameters)
    {
        foreach (var (name, values) in parameters)
        {
            int bad = MagnitudeScan.FirstBeyond(values, ParameterLimit);
            if (bad >= 0)
            {
                Throw(algorithm, epoch, epochs, loss(), lossName, optionName, advice, $"a {name} value is {Describe(values[bad])}");
            }
        }
    }

    /// <summary>Screens a factor matrix (padding included, which is zero).</summary>
    internal static (string Name, float[] Values) Of(string name, FactorMatrix matrix) => (name, matrix.Storage);

    /// <summary>Throws when <paramref name="lossValue"/> is not finite (for losses already computed each epoch).</summary>
    internal static void CheckLoss(
        string algorithm, int epoch, int epochs, double lossValue, string lossName, string optionName, string advice)
    {
        if (!double.IsFinite(lossValue))
        {
            Throw(algorithm, epoch, epochs, lossValue, lossName, optionName, advice, $"the training {lossName} is not finite");
        }
    }

    private static void Throw(
        string algorithm, int epoch, int epochs, double lossValue, string lossName, string optionName, string advice, string what) =>
        throw new TrainingDivergedException(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{algorithm} training diverged in epoch {epoch} of {epochs}: {what} (training {lossName} {lossValue:G6}); {advice}."),
            epoch,
            lossValue,
            optionName);

    private static string Describe(float value) =>
        float.IsNaN(value) ? "NaN"
        : float.IsInfinity(value) ? (value > 0 ? "+infinity" : "-infinity")
        : string.Create(CultureInfo.InvariantCulture, $"{value:G6}, beyond ±{ParameterLimit:G0}");
}
