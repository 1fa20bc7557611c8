namespace Loyalty.Core.Recommendation.Evaluation;

/// <summary>Rating-prediction error of a model on held-out interactions.</summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class AccuracyMetrics
{
    /// <summary>Root mean squared error of <see cref="IRecommendationModel.Predict"/> on <paramref name="test"/>.</summary>
    public static double Rmse(IRecommendationModel model, IReadOnlyList<Interaction> test) =>
        Math.Sqrt(Errors(model, test).Squared);

    /// <summary>Mean absolute error on <paramref name="test"/>.</summary>
    public static double Mae(IRecommendationModel model, IReadOnlyList<Interaction> test) => Errors(model, test).Absolute;

    internal static (double Squared, double Absolute) Errors(IRecommendationModel model, IReadOnlyList<Interaction> test)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        if (test.Count == 0)
        {
            throw new ArgumentException("The test set is empty.", nameof(test));
        }

        double squared = 0;
        double absolute = 0;
        foreach (var x in test)
        {
            double error = x.Value - model.Predict(x.User, x.Item);
            squared += error * error;
            absolute += Math.Abs(error);
        }

        return (squared / test.Count, absolute / test.Count);
    }
}
