namespace Loyalty.Core;

/// <summary>Training stopped because the loss or the parameters stopped being finite numbers, or grew past the point
/// where predictions would overflow: the options (usually too large a learning rate) or the data's scale make the
/// optimisation diverge. The recommenders throw it after the epoch in which it was detected, k-means when a run ends
/// with a non-finite inertia or centroid, instead of returning a model that predicts NaN.</summary>
/// <remarks>Thread safety: immutable once thrown; safe to read from any thread.</remarks>
public sealed class TrainingDivergedException : ArithmeticException
{
    /// <summary>Creates the exception with a default message.</summary>
    public TrainingDivergedException()
        : this("Training diverged.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
        OptionName = string.Empty;
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
        OptionName = string.Empty;
    }

    /// <summary>Creates the exception with what was detected.</summary>
    /// <param name="message">The whole explanation: algorithm, epoch, loss and the option to change.</param>
    /// <param name="epoch">The epoch (or iteration) after which divergence was detected, from 1.</param>
    /// <param name="trainingLoss">The training loss at that point (NaN or infinite when it could not be computed).</param>
    /// <param name="optionName">The options property most likely to fix it, e.g. <c>LearningRate</c>.</param>
    public TrainingDivergedException(string message, int epoch, double trainingLoss, string optionName)
        : base(message)
    {
        Epoch = epoch;
        TrainingLoss = trainingLoss;
        OptionName = optionName;
    }

    /// <summary>The epoch (or ALS iteration) after which divergence was detected, from 1; 0 when not given.</summary>
    public int Epoch { get; }

    /// <summary>The training loss when divergence was detected (RMSE for explicit models); often NaN or infinite.</summary>
    public double TrainingLoss { get; }

    /// <summary>The name of the options property to change (e.g. <c>LearningRate</c>), or empty when not given.</summary>
    public string OptionName { get; }
}
