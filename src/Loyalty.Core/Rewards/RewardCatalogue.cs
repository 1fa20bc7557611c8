using System.Globalization;
using Loyalty.Core.Validation;

namespace Loyalty.Core.Rewards;

/// <summary>Who may receive a reward. Every condition set must hold; unset conditions do not restrict.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record RewardEligibility
{
    /// <summary>Segment ids allowed; null for any. <value>The default value is null.</value></summary>
    public IReadOnlySet<int>? Segments { get; init; }

    /// <summary>Minimum P(alive). <value>The default value is null.</value></summary>
    public double? MinProbabilityAlive { get; init; }

    /// <summary>Minimum CLV in money. <value>The default value is null.</value></summary>
    public double? MinClv { get; init; }

    /// <summary>Minimum repeat purchases. <value>The default value is null.</value></summary>
    public int? MinFrequency { get; init; }

    /// <summary>Minimum loyalty score. <value>The default value is null.</value></summary>
    public double? MinLoyaltyScore { get; init; }

    /// <summary>Anyone.</summary>
    public static RewardEligibility Anyone { get; } = new();

    /// <summary>Whether <paramref name="profile"/> qualifies; when not, <paramref name="reason"/> says why.</summary>
    public bool IsEligible(CustomerProfile profile, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(profile);
        reason = Segments is not null && (profile.Segment is null || !Segments.Contains(profile.Segment.Id))
                ? $"segment {profile.Segment?.Id.ToString(CultureInfo.InvariantCulture) ?? "unknown"} is not eligible"
            : MinProbabilityAlive is { } pa && !(profile.Clv?.ProbabilityAlive >= pa) ? $"P(alive) below {pa}"
            : MinClv is { } clv && !(profile.Clv?.Clv >= clv) ? $"CLV below {clv}"
            : MinFrequency is { } f && profile.Summary.Frequency < f ? $"fewer than {f} repeat purchases"
            : MinLoyaltyScore is { } ls && !(profile.LoyaltyScore >= ls) ? $"loyalty score below {ls}"
            : null;
        return reason is null;
    }
}

/// <summary>
/// The rewards a program can give, each with its eligibility rule. Ids are unique; rates, costs and values are
/// checked when the catalogue is built, with every problem reported at once. Immutable.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed class RewardCatalogue
{
    private readonly Dictionary<string, (Reward Reward, RewardEligibility Eligibility)> _byId;

    /// <summary>Builds a catalogue.</summary>
    /// <exception cref="ArgumentException">Duplicate ids, empty ids or descriptions, negative values or costs, or a
    /// redemption rate outside [0, 1]; the message lists every problem.</exception>
    public RewardCatalogue(IEnumerable<(Reward Reward, RewardEligibility? Eligibility)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var v = new OptionsValidator(nameof(RewardCatalogue));
        _byId = new Dictionary<string, (Reward, RewardEligibility)>(StringComparer.Ordinal);
        for (int i = 0; i < list.Count; i++)
        {
            var entry = v.Nested($"entries[{i}]");
            var reward = list[i].Reward;
            if (!entry.Require(reward is not null && !string.IsNullOrWhiteSpace(reward.Id), nameof(Reward), "must be a reward with an id"))
            {
                continue;
            }

            var r = entry.Nested(nameof(Reward));
            r.Require(_byId.TryAdd(reward!.Id, (reward, list[i].Eligibility ?? RewardEligibility.Anyone)), nameof(Reward.Id),
                $"must be unique (reward id '{reward.Id}' is used twice)");
            r.Defined(nameof(Reward.Kind), reward.Kind);
            r.NonNegative(nameof(Reward.Value), reward.Value);
            r.NonNegative(nameof(Reward.CostIfRedeemed), reward.CostIfRedeemed);
            r.InRange(nameof(Reward.ExpectedRedemptionRate), reward.ExpectedRedemptionRate, 0, 1);
            r.Require(reward.Kind != RewardKind.PercentOff || reward.Value <= 100, nameof(Reward.Value),
                $"must be at most 100 for a percentage off (was {OptionsValidator.Format(reward.Value)})");
        }

        v.ThrowIfInvalid(nameof(entries));
        Rewards = list.Select(e => e.Reward).ToArray();
    }

    /// <summary>The rewards, in the order given.</summary>
    public IReadOnlyList<Reward> Rewards { get; }

    /// <summary>The reward with id <paramref name="rewardId"/>.</summary>
    /// <exception cref="ArgumentException">No such reward; the message lists the known ids.</exception>
    public Reward Get(string rewardId) => _byId.TryGetValue(rewardId ?? string.Empty, out var entry)
        ? entry.Reward
        : throw new ArgumentException($"Unknown reward '{rewardId}'; the catalogue has {string.Join(", ", _byId.Keys.Select(k => $"'{k}'"))}.", nameof(rewardId));

    /// <summary>The eligibility rule of a reward.</summary>
    /// <exception cref="ArgumentException">No such reward.</exception>
    public RewardEligibility EligibilityOf(string rewardId) => _byId.TryGetValue(rewardId ?? string.Empty, out var entry)
        ? entry.Eligibility
        : throw new ArgumentException($"Unknown reward '{rewardId}'.", nameof(rewardId));

    /// <summary>The loyalty plan's example: three rewards for three clusters, points with a coupon or free shipping.</summary>
    /// <remarks>Costs assume a point is worth 0.01, an average order of 50 and shipping at 5; redemption rates are
    /// priors that feedback replaces.</remarks>
    public static RewardCatalogue SeedExample { get; } = new(
    [
        (new Reward("c0-100pts-10off", RewardKind.PercentOff, 10, "100 points + 10% off your next purchase", 6.00m, 0.25), null),
        (new Reward("c1-200pts-freeship", RewardKind.FreeShipping, 0, "200 points + free shipping on your next order", 7.00m, 0.30), null),
        (new Reward("c2-300pts-50off", RewardKind.PercentOff, 50, "300 points + 50% off your next purchase", 28.00m, 0.35), null),
    ]);
}
