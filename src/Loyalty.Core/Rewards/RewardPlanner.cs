using System.Globalization;

namespace Loyalty.Core.Rewards;

/// <summary>Why a customer got no offer in a plan.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum NoOfferReason
{
    /// <summary>Opted out of profiling or gave no marketing consent.</summary>
    OptedOut = 0,
    /// <summary>No reward in the catalogue is open to them.</summary>
    NotEligible = 1,
    /// <summary>No eligible reward is expected to bring more than it costs.</summary>
    NotWorthIt = 2,
    /// <summary>Worth an offer, but the budget went to better uses.</summary>
    BudgetExhausted = 3,
}

/// <summary>The offers of a campaign under a budget, with the customers left out and why. Immutable.</summary>
/// <param name="Offers">At most one offer per customer, each with its explanation.</param>
/// <param name="NoOffer">Customers without an offer, with the reason.</param>
/// <param name="Allocation">The allocation totals (uplift, cost, cost by segment).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record RewardPlan(
    IReadOnlyList<RewardOffer> Offers,
    IReadOnlyDictionary<CustomerId, NoOfferReason> NoOffer,
    Allocation Allocation);

/// <summary>
/// Plans a campaign: estimates every eligible (customer, reward) pair with a response model, keeps those expected
/// to bring more than they cost, and allocates the budget across customers (<see cref="BudgetAllocator"/>).
/// Customers who opted out or gave no consent are left out before any estimate is made.
/// </summary>
/// <remarks>Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
public sealed class RewardPlanner(RewardCatalogue catalogue, IRewardResponseModel? response = null, string campaign = "campaign")
{
    private readonly RewardCatalogue _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
    private readonly IRewardResponseModel _response = response ?? new HeuristicResponseModel();

    /// <summary>Plans offers for <paramref name="profiles"/> under <paramref name="constraints"/>.</summary>
    /// <exception cref="ArgumentException">Invalid constraints, or a customer listed twice.</exception>
    public RewardPlan Plan(IReadOnlyList<CustomerProfile> profiles, AllocationConstraints constraints)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(constraints);
        var byCustomer = new Dictionary<CustomerId, CustomerProfile>();
        var noOffer = new Dictionary<CustomerId, NoOfferReason>();
        var candidates = new List<OfferCandidate>();
        foreach (var profile in profiles)
        {
            var id = profile.Summary.CustomerId;
            if (!byCustomer.TryAdd(id, profile))
            {
                throw new ArgumentException($"Customer '{id}' appears twice in the profiles.", nameof(profiles));
            }

            if (!profile.MayReceiveOffers)
            {
                noOffer[id] = NoOfferReason.OptedOut;
                continue;
            }

            bool eligible = false, worthIt = false;
            foreach (var reward in _catalogue.Rewards)
            {
                if (!_catalogue.EligibilityOf(reward.Id).IsEligible(profile, out _))
                {
                    continue;
                }

                eligible = true;
                double uplift = _response.ExpectedUplift(profile, reward);
                if (uplift > reward.ExpectedCost)
                {
                    worthIt = true;
                    string? segment = profile.Segment?.Id.ToString(CultureInfo.InvariantCulture);
                    candidates.Add(new OfferCandidate(id, reward.Id, segment, uplift - reward.ExpectedCost, reward.ExpectedCost));
                }
            }

            if (!eligible || !worthIt)
            {
                noOffer[id] = eligible ? NoOfferReason.NotWorthIt : NoOfferReason.NotEligible;
            }
        }

        var allocation = BudgetAllocator.Allocate(candidates, constraints);
        var offers = new List<RewardOffer>(allocation.Chosen.Count);
        foreach (var chosen in allocation.Chosen)
        {
            var profile = byCustomer[chosen.CustomerId];
            var reward = _catalogue.Get(chosen.RewardId);
            double uplift = chosen.ExpectedUplift + chosen.ExpectedCost;
            offers.Add(Offers.Make(campaign, profile, reward, uplift, "budget allocation",
                string.Create(CultureInfo.InvariantCulture,
                    $"'{reward.Description}' is expected to bring {uplift:0.00} for a cost of {reward.ExpectedCost:0.00}; among this customer's eligible rewards it made the best use of the budget.")));
        }

        var served = allocation.Chosen.Select(c => c.CustomerId).ToHashSet();
        foreach (var candidate in candidates)
        {
            if (!served.Contains(candidate.CustomerId))
            {
                noOffer.TryAdd(candidate.CustomerId, NoOfferReason.BudgetExhausted);
            }
        }

        return new RewardPlan(offers, noOffer, allocation);
    }
}
