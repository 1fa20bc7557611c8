using Loyalty.Core.Feedback.Bandits;
using MathNet.Numerics.Distributions;

namespace Loyalty.Core.Tests.Feedback.Bandits;

public sealed class ThompsonPropensityTests
{
    [Fact]
    public void Probabilities_TwoArms_MatchAnalyticProbabilityOfWinning()
    {
        var policy = new ThompsonSampling(["a", "b"], new BanditOptions { Seed = 2, MonteCarloDraws = 20_000 });
        for (int i = 0; i < 12; i++)
        {
            policy.Update(BanditContext.Global, "a", i % 3 == 0 ? 1 : 0); // a: 4 successes, 8 failures
        }

        for (int i = 0; i < 6; i++)
        {
            policy.Update(BanditContext.Global, "b", i % 2); // b: 3 successes, 3 failures
        }

        // P(Xa > Xb) = ∫ fa(x) Fb(x) dx with Xa ~ Beta(5, 9), Xb ~ Beta(4, 4), by the midpoint rule.
        const int steps = 20_000;
        double analytic = 0;
        for (int k = 0; k < steps; k++)
        {
            double x = (k + 0.5) / steps;
            analytic += Beta.PDF(5, 9, x) * Beta.CDF(4, 4, x) / steps;
        }

        // Monte-Carlo standard error is sqrt(p(1 − p) / 20000) < 0.0036; allow four of them.
        Assert.Equal(analytic, policy.Probabilities(BanditContext.Global)["a"], 0.015);
    }

    [Fact]
    public void Choose_FixedPosterior_ChoiceFrequenciesMatchLoggedPropensities()
    {
        var policy = new ThompsonSampling(["a", "b", "c"], new BanditOptions { Seed = 8, MonteCarloDraws = 500 });
        policy.Update(BanditContext.Global, "a", 1);
        policy.Update(BanditContext.Global, "b", 0);

        const int n = 20_000;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["a"] = 0, ["b"] = 0, ["c"] = 0 };
        IReadOnlyDictionary<string, double>? logged = null;
        for (int i = 0; i < n; i++)
        {
            var decision = policy.Choose(BanditContext.Global); // no rewards: the posterior, hence the estimate, is fixed
            counts[decision.ArmId]++;
            logged ??= decision.Probabilities;
            Assert.Equal(logged[decision.ArmId], decision.Propensity, 12);
        }

        foreach (var (arm, p) in logged!)
        {
            double sd = Math.Sqrt(p * (1 - p) / n);
            Assert.InRange((double)counts[arm] / n, p - (5 * sd) - 1e-9, p + (5 * sd) + 1e-9);
        }
    }
}
