namespace Loyalty.Core.Recommendation;

/// <summary>The step sizes and switches of one biased-SGD run, taken from <see cref="MatrixFactorizationOptions"/>.</summary>
internal sealed record SgdSettings(
    int Epochs, float LearningRate, float LearningRateDecay, float Regularization, float BiasRegularization, bool UseBiases, int Threads)
{
    internal static SgdSettings From(MatrixFactorizationOptions o) => new(
        o.Epochs, o.LearningRate, o.LearningRateDecay, o.Regularization, o.BiasRegularization ?? o.Regularization, o.UseBiases, o.Threads);

    /// <summary>γ for each epoch: the learning rate multiplied by the decay after every epoch (in float, in order,
    /// so every thread count sees the same values).</summary>
    internal float[] RatePerEpoch()
    {
        var rates = new float[Epochs];
        float rate = LearningRate;
        for (int e = 0; e < Epochs; e++)
        {
            rates[e] = rate;
            rate *= LearningRateDecay;
        }

        return rates;
    }
}
