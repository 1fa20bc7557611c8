using System.Globalization;

namespace Loyalty.Core.Rewards;

/// <summary>Offer ids and explanations shared by the policies, so every policy explains itself the same way.</summary>
internal static class Offers
{
    /// <summary>The list a caller passes to <see cref="IRewardPolicy.Decide"/> is what is available now (stock,
    /// campaign rules); a policy offers only rewards in both it and its own catalogue.</summary>
    internal static bool IsAvailable(IReadOnlyList<Reward> available, string rewardId)
    {
        ArgumentNullException.ThrowIfNull(available);
        for (int i = 0; i < available.Count; i++)
        {
            if (available[i].Id == rewardId)
            {
                return true;
            }
        }

        return false;
    }

    internal static RewardOffer Make(
        string campaign, CustomerProfile profile, Reward reward, double uplift, string policy, string reason,
        IReadOnlyDictionary<string, double>? extraFacts = null)
    {
        var facts = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["frequency"] = profile.Summary.Frequency,
            ["recency"] = profile.Summary.Recency,
            ["T"] = profile.Summary.T,
            ["monetaryValue"] = profile.Summary.MonetaryValue,
            ["expectedCost"] = reward.ExpectedCost,
            ["expectedUplift"] = uplift,
        };
        if (profile.Segment is { } segment)
        {
            facts["segment"] = segment.Id;
        }

        if (profile.Clv is { } clv)
        {
            facts["probabilityAlive"] = clv.ProbabilityAlive;
            facts["clv"] = clv.Clv;
        }

        if (profile.LoyaltyScore is { } score)
        {
            facts["loyaltyScore"] = score;
        }

        foreach (var (name, value) in extraFacts ?? new Dictionary<string, double>())
        {
            facts[name] = value;
        }

        string offerId = string.Create(CultureInfo.InvariantCulture, $"{campaign}:{profile.Summary.CustomerId}:{reward.Id}");
        return new RewardOffer(offerId, profile.Summary.CustomerId, reward, reward.ExpectedCost, uplift, new OfferExplanation(policy, reason, facts));
    }
}

/// <summary>Gives each segment its reward (the loyalty plan's cluster → reward table).</summary>
/// <remarks>Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
public sealed class SegmentRewardPolicy : IRewardPolicy
{
    private readonly RewardCatalogue _catalogue;
    private readonly Dictionary<int, string> _rewardBySegment;
    private readonly IRewardResponseModel _response;
    private readonly string _campaign;

    /// <summary>Creates the policy.</summary>
    /// <param name="catalogue">The rewards.</param>
    /// <param name="rewardBySegment">Segment id → reward id; segments not listed get no offer.</param>
    /// <param name="response">Uplift estimates for the explanation; <see cref="HeuristicResponseModel"/> when null.</param>
    /// <param name="campaign">Prefix of offer ids.</param>
    /// <exception cref="ArgumentException">A mapped reward is not in the catalogue (all listed).</exception>
    public SegmentRewardPolicy(RewardCatalogue catalogue, IReadOnlyDictionary<int, string> rewardBySegment, IRewardResponseModel? response = null, string campaign = "segment")
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(rewardBySegment);
        var unknown = rewardBySegment.Where(kv => !catalogue.Rewards.Any(r => r.Id == kv.Value)).Select(kv => $"segment {kv.Key} → '{kv.Value}'").ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown rewards in the segment map: {string.Join(", ", unknown)}.", nameof(rewardBySegment));
        }

        _catalogue = catalogue;
        _rewardBySegment = new Dictionary<int, string>(rewardBySegment);
        _response = response ?? new HeuristicResponseModel();
        _campaign = campaign;
    }

    /// <inheritdoc />
    public string Name => "segment map";

    /// <inheritdoc />
    public RewardOffer? Decide(CustomerProfile profile, IReadOnlyList<Reward> catalogue)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!profile.MayReceiveOffers || profile.Segment is null || !_rewardBySegment.TryGetValue(profile.Segment.Id, out var rewardId))
        {
            return null;
        }

        var reward = _catalogue.Get(rewardId);
        if (!Offers.IsAvailable(catalogue, rewardId) || !_catalogue.EligibilityOf(rewardId).IsEligible(profile, out _))
        {
            return null;
        }

        return Offers.Make(_campaign, profile, reward, _response.ExpectedUplift(profile, reward), Name,
            $"Segment '{profile.Segment.Name}' receives '{reward.Description}'.");
    }
}

/// <summary>Gives rewards by loyalty-score band: the highest band whose minimum the score reaches.</summary>
/// <remarks>Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
public sealed class LoyaltyScorePolicy : IRewardPolicy
{
    private readonly RewardCatalogue _catalogue;
    private readonly (double Min, string RewardId)[] _bands;
    private readonly IRewardResponseModel _response;

    /// <summary>Creates the policy.</summary>
    /// <param name="catalogue">The rewards.</param>
    /// <param name="bands">(minimum score, reward id) pairs, any order.</param>
    /// <param name="response">Uplift estimates for the explanation.</param>
    /// <exception cref="ArgumentException">A band names an unknown reward or has a non-finite minimum.</exception>
    public LoyaltyScorePolicy(RewardCatalogue catalogue, IReadOnlyList<(double Min, string RewardId)> bands, IRewardResponseModel? response = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(bands);
        foreach (var (min, id) in bands)
        {
            _ = catalogue.Get(id);
            if (!double.IsFinite(min))
            {
                throw new ArgumentException($"Band for '{id}' has a non-finite minimum.", nameof(bands));
            }
        }

        _catalogue = catalogue;
        _bands = bands.OrderByDescending(b => b.Min).ToArray();
        _response = response ?? new HeuristicResponseModel();
    }

    /// <inheritdoc />
    public string Name => "loyalty score";

    /// <inheritdoc />
    public RewardOffer? Decide(CustomerProfile profile, IReadOnlyList<Reward> catalogue)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!profile.MayReceiveOffers || profile.LoyaltyScore is not { } score)
        {
            return null;
        }

        foreach (var (min, id) in _bands)
        {
            if (score >= min && Offers.IsAvailable(catalogue, id) && _catalogue.EligibilityOf(id).IsEligible(profile, out _))
            {
                var reward = _catalogue.Get(id);
                return Offers.Make("loyalty", profile, reward, _response.ExpectedUplift(profile, reward), Name,
                    string.Create(CultureInfo.InvariantCulture, $"Loyalty score {score:0.##} reaches the {min:0.##} band: '{reward.Description}'."));
            }
        }

        return null;
    }
}

/// <summary>Picks, per customer, the eligible reward with the largest expected uplift net of its expected cost;
/// no offer when none pays for itself.</summary>
/// <remarks>Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
public sealed class ClvAwarePolicy(RewardCatalogue rewards, IRewardResponseModel? response = null) : IRewardPolicy
{
    private readonly RewardCatalogue _catalogue = rewards ?? throw new ArgumentNullException(nameof(rewards));
    private readonly IRewardResponseModel _response = response ?? new HeuristicResponseModel();

    /// <inheritdoc />
    public string Name => "CLV-aware";

    /// <inheritdoc />
    public RewardOffer? Decide(CustomerProfile profile, IReadOnlyList<Reward> catalogue)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!profile.MayReceiveOffers)
        {
            return null;
        }

        Reward? best = null;
        double bestNet = 0, bestUplift = 0;
        foreach (var reward in _catalogue.Rewards)
        {
            if (!Offers.IsAvailable(catalogue, reward.Id) || !_catalogue.EligibilityOf(reward.Id).IsEligible(profile, out _))
            {
                continue;
            }

            double uplift = _response.ExpectedUplift(profile, reward);
            double net = uplift - reward.ExpectedCost;
            if (net > bestNet || (net == bestNet && best is not null && string.CompareOrdinal(reward.Id, best.Id) < 0))
            {
                (best, bestNet, bestUplift) = (reward, net, uplift);
            }
        }

        return best is null ? null : Offers.Make("clv", profile, best, bestUplift, Name,
            string.Create(CultureInfo.InvariantCulture, $"'{best.Description}' has the largest expected uplift net of cost ({bestNet:0.00})."));
    }
}
