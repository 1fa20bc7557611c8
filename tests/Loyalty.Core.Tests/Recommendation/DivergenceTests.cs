using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Tests.Recommendation;

/// <summary>Issue 15, item 5: training that diverges stops with <see cref="TrainingDivergedException"/> naming the
/// epoch, the loss and the option to change, instead of a model that predicts NaN.</summary>
public sealed class DivergenceTests
{
    [Fact]
    public void SvdFit_HugeLearningRate_ThrowsNamingEpochAndLearningRate()
    {
        var error = Assert.Throws<TrainingDivergedException>(() =>
            new MatrixFactorizationRecommender(new MatrixFactorizationOptions { LearningRate = 50f, Factors = 8 }).Fit(RecommendationData.Small()));
        Assert.Equal(1, error.Epoch);
        Assert.Equal(nameof(MatrixFactorizationOptions.LearningRate), error.OptionName);
        Assert.StartsWith("svd training diverged in epoch 1 of 20: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("lower LearningRate (was 50)", error.Message, StringComparison.Ordinal);
        Assert.Contains("training RMSE", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ArithmeticException>(error);
    }

    [Fact]
    public void SvdFit_BlockedTwoThreadsHugeLearningRate_Throws()
    {
        var options = new MatrixFactorizationOptions { LearningRate = 50f, Factors = 8, Schedule = SgdSchedule.Blocked, Threads = 2 };
        Assert.Equal(1, Assert.Throws<TrainingDivergedException>(() => new MatrixFactorizationRecommender(options).Fit(RecommendationData.Small())).Epoch);
    }

    [Fact]
    public void SvdFit_HugeLearningRateWithProgress_NoNaNLossIsReported()
    {
        var losses = new List<double>();
        Assert.Throws<TrainingDivergedException>(() => new MatrixFactorizationRecommender(new MatrixFactorizationOptions { LearningRate = 50f, Factors = 8 })
            .Fit(RecommendationData.Small(), new SynchronousProgress<TrainingProgress>(p => losses.Add(p.TrainingLoss))));
        Assert.All(losses, loss => Assert.True(double.IsFinite(loss)));
    }

    [Fact]
    public void SvdFit_DefaultOptions_StillFitsFiniteModel()
    {
        var data = RecommendationData.Small();
        var model = new MatrixFactorizationRecommender(new MatrixFactorizationOptions { Epochs = 5 }).Fit(data);
        Assert.All(data.Take(100), x => Assert.True(float.IsFinite(model.Predict(x.User, x.Item))));
    }

    [Fact]
    public void SvdPartialFit_HugeLearningRate_Throws()
    {
        var data = RecommendationData.Small();
        var model = new MatrixFactorizationRecommender(new MatrixFactorizationOptions { Factors = 8, Epochs = 2 }).Fit(data);
        var wild = new MatrixFactorizationRecommender(new MatrixFactorizationOptions { Factors = 8, LearningRate = 50f });
        Assert.Throws<TrainingDivergedException>(() => wild.PartialFit(model, data.Take(2000).ToList()));
    }

    [Fact]
    public void SvdPlusPlusFit_HugeLearningRate_ThrowsNamingLearningRate()
    {
        var error = Assert.Throws<TrainingDivergedException>(() =>
            new SvdPlusPlusRecommender(new SvdPlusPlusOptions { LearningRate = 50f, Factors = 4, Epochs = 3 }).Fit(RecommendationData.Small()));
        Assert.Equal(1, error.Epoch);
        Assert.StartsWith("svdpp training diverged in epoch 1 of 3: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(SvdPlusPlusOptions.LearningRate), error.OptionName);
    }

    [Theory]
    [InlineData(1e38f)]
    [InlineData(3e38f)]
    public void ImplicitAlsFit_HugeAlpha_ThrowsOrPredictsFiniteNeverNaN(float alpha)
    {
        // CG keeps ALS bounded even here; whichever way it ends, a model that predicts NaN must not come back.
        var data = RecommendationData.Small();
        try
        {
            var model = new ImplicitAlsRecommender(new ImplicitAlsOptions { Alpha = alpha, Factors = 8, Iterations = 3 }).Fit(data);
            Assert.All(data.Take(300), x => Assert.True(float.IsFinite(model.Predict(x.User, x.Item))));
        }
        catch (TrainingDivergedException error)
        {
            Assert.StartsWith("als training diverged in epoch ", error.Message, StringComparison.Ordinal);
            Assert.Equal(nameof(ImplicitAlsOptions.Alpha), error.OptionName);
        }
    }

    [Fact]
    public void CheckLoss_NaNLoss_ThrowsNamingEpochLossAndAdvice()
    {
        var error = Assert.Throws<TrainingDivergedException>(() =>
            DivergenceGuard.CheckLoss("svd", 7, 20, double.NaN, "RMSE", "LearningRate", "lower LearningRate (was 0.5)"));
        Assert.Equal("svd training diverged in epoch 7 of 20: the training RMSE is not finite (training RMSE NaN); lower LearningRate (was 0.5).", error.Message);
        Assert.Equal(7, error.Epoch);
        Assert.True(double.IsNaN(error.TrainingLoss));
    }

    [Fact]
    public void CheckLoss_FiniteLoss_DoesNotThrow() =>
        DivergenceGuard.CheckLoss("svd", 1, 1, 0.93, "RMSE", "LearningRate", "advice");

    [Theory]
    [InlineData(float.NaN, "a item bias value is NaN")]
    [InlineData(float.NegativeInfinity, "a item bias value is -infinity")]
    [InlineData(2e15f, "a item bias value is 2E+15, beyond ±1E+15")]
    public void AfterEpoch_BadParameter_ThrowsNamingIt(float bad, string what)
    {
        float[] biases = [0.1f, -0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1f];
        biases[9] = bad;
        var error = Assert.Throws<TrainingDivergedException>(() => DivergenceGuard.AfterEpoch(
            "baseline", 2, 10, () => 1.5, "RMSE", "Scale", "rescale", ("user bias", new float[3]), ("item bias", biases)));
        Assert.Equal($"baseline training diverged in epoch 2 of 10: {what} (training RMSE 1.5); rescale.", error.Message);
    }

    [Fact]
    public void AfterEpoch_SaneParameters_NeverComputesTheLoss() =>
        DivergenceGuard.AfterEpoch("svd", 1, 1, () => throw new InvalidOperationException("loss computed"), "RMSE", "LearningRate", "advice", ("user factor", new float[40]));
}
