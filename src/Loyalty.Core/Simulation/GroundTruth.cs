namespace Loyalty.Core.Simulation;

/// <summary>The true response probabilities of the simulated base: what a perfect policy would know.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed class GroundTruth
{
    private readonly double[][] _response;
    private readonly double[] _baseResponse;

    internal GroundTruth(double[][] response, double[] baseResponse, string[] rewards)
    {
        _response = response;
        _baseResponse = baseResponse;
        Rewards = rewards;
    }

    /// <summary>Reward (arm) ids.</summary>
    public IReadOnlyList<string> Rewards { get; }

    /// <summary>Number of segments.</summary>
    public int Segments => _response.Length;

    /// <summary>Probability that a customer of <paramref name="segment"/> responds to reward <paramref name="reward"/> (index).</summary>
    public double Response(int segment, int reward) => _response[segment][reward];

    /// <summary>Probability that a customer of <paramref name="segment"/> responds without any offer (what a holdout
    /// measures); <see cref="Response"/> minus this is the reward's true uplift.</summary>
    public double BaseResponse(int segment) => _baseResponse[segment];

    /// <summary>Index of the reward with the highest response in a segment.</summary>
    public int BestReward(int segment)
    {
        var row = _response[segment];
        int best = 0;
        for (int a = 1; a < row.Length; a++)
        {
            if (row[a] > row[best])
            {
                best = a;
            }
        }

        return best;
    }

    /// <summary>Mean response over all rewards in a segment (what uniform random choice earns).</summary>
    public double MeanResponse(int segment) => _response[segment].Average();

    /// <summary>Draws a ground truth: each segment has a base response rate in [0.04, 0.12]; its best reward (a
    /// different one per segment where possible) adds 0.10–0.16, the others 0–0.05.</summary>
    internal static GroundTruth Draw(int segments, int rewards, Random random)
    {
        var response = new double[segments][];
        var baseResponse = new double[segments];
        for (int s = 0; s < segments; s++)
        {
            double baseRate = 0.04 + (0.08 * random.NextDouble());
            baseResponse[s] = baseRate;
            int best = s % rewards;
            response[s] = new double[rewards];
            for (int a = 0; a < rewards; a++)
            {
                double lift = a == best ? 0.10 + (0.06 * random.NextDouble()) : 0.05 * random.NextDouble();
                response[s][a] = baseRate + lift;
            }
        }

        return new GroundTruth(response, baseResponse, [.. Enumerable.Range(1, rewards).Select(a => $"reward-{a}")]);
    }
}
