namespace Loyalty.Core.Rewards;

/// <summary>Estimates what making an offer is worth: the expected incremental margin it brings.</summary>
/// <remarks>Thread safety: each implementation states its own guarantee.</remarks>
public interface IRewardResponseModel
{
    /// <summary>Expected incremental value, in money, of offering <paramref name="reward"/> to the customer.</summary>
    double ExpectedUplift(CustomerProfile profile, Reward reward);
}

/// <summary>
/// A transparent prior for offer uplift, used until feedback (bandits, uplift experiments) supplies measured
/// responses: uplift = P(alive) × expected spend per purchase × margin × lift of the reward kind.
/// </summary>
/// <remarks>P(alive) and spend come from the profile's CLV estimate; without one, P(alive) is taken as 1 and spend
/// as the customer's mean repeat spend. The lifts are the expected extra purchases per offer by reward kind; the
/// defaults are conservative guesses to replace with your own measurements, which is why they are options.
/// Thread safety: immutable; safe to share between threads.</remarks>
public sealed record HeuristicResponseModel : IRewardResponseModel
{
    /// <summary>Gross margin on sales (0..1). <value>The default value is 0.3.</value></summary>
    public double Margin { get; init; } = 0.3;

    /// <summary>Expected extra purchases per offer, by reward kind.
    /// <value>The default value is points 0.05, percent off 0.12, amount off 0.10, free shipping 0.08, gift 0.06,
    /// tier upgrade 0.04.</value></summary>
    public IReadOnlyDictionary<RewardKind, double> LiftByKind { get; init; } = new Dictionary<RewardKind, double>
    {
        [RewardKind.Points] = 0.05,
        [RewardKind.PercentOff] = 0.12,
        [RewardKind.AmountOff] = 0.10,
        [RewardKind.FreeShipping] = 0.08,
        [RewardKind.Gift] = 0.06,
        [RewardKind.TierUpgrade] = 0.04,
    };

    /// <inheritdoc />
    public double ExpectedUplift(CustomerProfile profile, Reward reward)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(reward);
        double alive = profile.Clv?.ProbabilityAlive ?? 1.0;
        double spend = profile.Clv?.ExpectedAverageSpend ?? profile.Summary.MonetaryValue;
        double lift = LiftByKind.TryGetValue(reward.Kind, out var l) ? l : 0;
        double uplift = alive * spend * Margin * lift;
        return double.IsFinite(uplift) ? uplift : 0;
    }
}
