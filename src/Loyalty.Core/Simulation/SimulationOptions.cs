using Loyalty.Core.Validation;

namespace Loyalty.Core.Simulation;

/// <summary>The simulated customer base and horizon.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record SimulationOptions
{
    /// <summary>Customers in the base, at least 1. <value>The default value is 1000.</value></summary>
    public int Customers { get; init; } = 1000;

    /// <summary>Rounds (e.g. weeks) simulated, at least 1. <value>The default value is 52.</value></summary>
    public int Rounds { get; init; } = 52;

    /// <summary>Customer segments with distinct responses, at least 1. <value>The default value is 4.</value></summary>
    public int Segments { get; init; } = 4;

    /// <summary>Rewards (arms) to choose from, at least 2. <value>The default value is 4.</value></summary>
    public int Rewards { get; init; } = 4;

    /// <summary>Mean visits per customer per round; each customer's own rate is drawn around it (Gamma, shape 2).
    /// Positive. <value>The default value is 0.3.</value></summary>
    public double MeanVisitRate { get; init; } = 0.3;

    /// <summary>Seed of the ground truth and every random draw of the environment. <value>The default value is 0.</value></summary>
    public int Seed { get; init; }

    /// <summary>Checks the options; every problem is reported in one exception.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid; the message lists them all.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(SimulationOptions));
        v.AtLeast(nameof(Customers), Customers, 1);
        v.AtLeast(nameof(Rounds), Rounds, 1);
        v.AtLeast(nameof(Segments), Segments, 1);
        v.AtLeast(nameof(Rewards), Rewards, 2);
        v.Positive(nameof(MeanVisitRate), MeanVisitRate);
        v.ThrowIfInvalid();
    }
}

/// <summary>The policies the simulator can run by name.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum SimulatedPolicy
{
    /// <summary>Thompson sampling per segment.</summary>
    Thompson = 0,
    /// <summary>ε-greedy per segment.</summary>
    EpsilonGreedy = 1,
    /// <summary>UCB1 per segment.</summary>
    Ucb1 = 2,
    /// <summary>LinUCB on one-hot segment features.</summary>
    LinUcb = 3,
    /// <summary>Uniformly random rewards.</summary>
    Random = 4,
    /// <summary>The best reward per segment, knowing the ground truth.</summary>
    Oracle = 5,
}

/// <summary>The outcome of a simulated run.</summary>
/// <param name="Policy">Policy name.</param>
/// <param name="Rounds">Rounds simulated.</param>
/// <param name="Decisions">Offers made (customer visits).</param>
/// <param name="TotalReward">Responses the policy obtained (realised).</param>
/// <param name="ExpectedReward">Sum of the true response probabilities of the rewards the policy chose.</param>
/// <param name="OracleReward">Expected responses had every visitor received their segment's best reward.</param>
/// <param name="RandomReward">Expected responses had every visitor received a uniformly random reward.</param>
/// <param name="Regret">OracleReward − ExpectedReward (pseudo-regret, never negative).</param>
/// <param name="RewardByRound">Realised responses per round.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record SimulationResult(
    string Policy,
    int Rounds,
    long Decisions,
    double TotalReward,
    double ExpectedReward,
    double OracleReward,
    double RandomReward,
    double Regret,
    IReadOnlyList<double> RewardByRound);
