using Loyalty.Core.Feedback.Bandits;
using MathNet.Numerics.Distributions;

namespace Loyalty.Core.Simulation;

/// <summary>
/// Simulates a customer base with known ground truth, to test reward policies: customers belong to segments with
/// segment-specific responses to each reward, and visit at their own (heterogeneous, Gamma-distributed) rates.
/// Each round every visiting customer gets one reward from the policy; responses come back at the end of the round
/// (delayed feedback, by event id).
/// </summary>
/// <remarks>The environment uses common random numbers: for a seed, the same customers visit in the same rounds and
/// the same uniform draw decides each visit's response whatever the policy, so policies are compared on identical
/// traffic and their differences are due to their choices alone.
/// Thread safety: the simulator holds no mutable state, so runs may proceed concurrently, each with its own policy (policies are not thread-safe).</remarks>
public sealed class CustomerBaseSimulator
{
    private readonly SimulationOptions _options;
    private readonly int[] _segmentOf;
    private readonly double[] _visitProbability;

    /// <summary>Creates the base and its ground truth from <see cref="SimulationOptions.Seed"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CustomerBaseSimulator(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var random = new Random(options.Seed);
        Truth = GroundTruth.Draw(options.Segments, options.Rewards, random);
        _segmentOf = new int[options.Customers];
        _visitProbability = new double[options.Customers];
        const double shape = 2.0;
        for (int i = 0; i < options.Customers; i++)
        {
            _segmentOf[i] = random.Next(options.Segments);
            double rate = Gamma.Sample(random, shape, shape / options.MeanVisitRate);
            _visitProbability[i] = 1 - Math.Exp(-rate); // P(at least one visit) for a Poisson process of that rate
        }
    }

    /// <summary>The true response probabilities.</summary>
    public GroundTruth Truth { get; }

    /// <summary>The segment of each customer (index = customer number).</summary>
    public IReadOnlyList<int> SegmentOfCustomer => _segmentOf;

#pragma warning disable RS0026 // Overloads with optional parameters are safe here: the named-policy and custom-policy overloads differ in a required argument; the optional token is last.
    /// <summary>Runs one of the named policies.</summary>
    /// <param name="policy">Which policy.</param>
    /// <param name="banditOptions">Bandit settings (seed, ε, ...); defaults seeded from the simulation seed when null.</param>
    /// <param name="cancellationToken">Cancels between rounds.</param>
    /// <exception cref="ArgumentException">The policy is not defined or the bandit options are invalid.</exception>
    public SimulationResult Run(SimulatedPolicy policy, BanditOptions? banditOptions = null, CancellationToken cancellationToken = default)
    {
        var clock = new SimulationClock();
        var options = banditOptions ?? new BanditOptions { Seed = _options.Seed };
        var arms = Truth.Rewards;
        BanditPolicy? bandit = policy switch
        {
            SimulatedPolicy.Thompson => new ThompsonSampling(arms, options, clock),
            SimulatedPolicy.EpsilonGreedy => new EpsilonGreedy(arms, options, clock),
            SimulatedPolicy.Ucb1 => new Ucb1(arms, options, clock),
            SimulatedPolicy.LinUcb => new LinUcb(arms, options, clock),
            SimulatedPolicy.Random => new UniformRandomPolicy(arms, options, clock),
            SimulatedPolicy.Oracle => null,
            _ => throw new ArgumentException($"Unknown policy {(int)policy}.", nameof(policy)),
        };
        return Simulate(bandit, bandit?.Name ?? "oracle", clock, cancellationToken);
    }

    /// <summary>Runs any bandit policy whose arms are <see cref="GroundTruth.Rewards"/>.</summary>
    /// <param name="policy">The policy; it learns during the run.</param>
    /// <param name="cancellationToken">Cancels between rounds.</param>
    /// <exception cref="ArgumentException">The policy's arms are not the simulated rewards.</exception>
    public SimulationResult Run(BanditPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var unknown = policy.Arms.Where(a => !Truth.Rewards.Contains(a)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Arm(s) {string.Join(", ", unknown)} are not simulated rewards ({string.Join(", ", Truth.Rewards)}).", nameof(policy));
        }

        return Simulate(policy, policy.Name, null, cancellationToken);
    }
#pragma warning restore RS0026

    private SimulationResult Simulate(BanditPolicy? bandit, string name, SimulationClock? clock, CancellationToken cancellationToken)
    {
        var contexts = Enumerable.Range(0, _options.Segments).Select(SegmentContext).ToArray();
        var rewardIndex = Truth.Rewards.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i, StringComparer.Ordinal);
        var byRound = new double[_options.Rounds];
        double total = 0, expected = 0, oracle = 0, random = 0;
        long decisions = 0;
        var pending = new List<(string EventId, double Reward)>();
        for (int round = 0; round < _options.Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // One generator per round, seeded from (seed, round): identical traffic for every policy. (Not
            // HashCode.Combine: it is randomised per process.)
            var environment = new Random(unchecked((_options.Seed * 1_000_003) + round + 0x51));
            pending.Clear();
            for (int customer = 0; customer < _segmentOf.Length; customer++)
            {
                double visit = environment.NextDouble();
                double respond = environment.NextDouble();
                if (visit >= _visitProbability[customer])
                {
                    continue;
                }

                int segment = _segmentOf[customer];
                int arm;
                if (bandit is null)
                {
                    arm = Truth.BestReward(segment);
                }
                else
                {
                    var decision = bandit.Choose(contexts[segment]);
                    arm = rewardIndex[decision.ArmId];
                    pending.Add((decision.EventId, 0));
                }

                double p = Truth.Response(segment, arm);
                double reward = respond < p ? 1 : 0;
                if (bandit is not null)
                {
                    pending[^1] = (pending[^1].EventId, reward);
                }

                decisions++;
                byRound[round] += reward;
                expected += p;
                oracle += Truth.Response(segment, Truth.BestReward(segment));
                random += Truth.MeanResponse(segment);
            }

            foreach (var (eventId, reward) in pending)
            {
                bandit!.Reward(eventId, reward);
            }

            total += byRound[round];
            clock?.Advance(TimeSpan.FromDays(1));
        }

        return new SimulationResult(name, _options.Rounds, decisions, total, expected, oracle, random, Math.Max(0, oracle - expected), byRound);
    }

    private BanditContext SegmentContext(int segment)
    {
        var features = new double[_options.Segments];
        features[segment] = 1;
        return new BanditContext("segment-" + segment.ToString(System.Globalization.CultureInfo.InvariantCulture), features);
    }
}
