using System.Globalization;
using Loyalty.Core.Feedback.Bandits;
using Loyalty.Core.Rewards;

namespace Loyalty.Core.Pipeline;

/// <summary>
/// The rewards step when a bandit optimises: the budget decides who gets an offer, the bandit decides which reward.
/// Each candidate reserves the cost of the dearest arm, so any arm the bandit draws keeps the plan within budget;
/// a customer is a candidate when every arm is open to them and the arms are worth their cost on average.
/// </summary>
internal static class BanditOffers
{
    internal static RewardPlan Plan(IReadOnlyList<CustomerProfile> profiles, RewardStepOptions options, BanditRewardLearner learner)
    {
        var arms = learner.Policy.Arms.Select(options.Catalogue.Get).ToArray();
        double reserve = arms.Max(r => r.ExpectedCost);
        var noOffer = new Dictionary<CustomerId, NoOfferReason>();
        var candidates = new List<OfferCandidate>();
        var byCustomer = new Dictionary<CustomerId, CustomerProfile>();
        foreach (var profile in profiles)
        {
            var id = profile.Summary.CustomerId;
            byCustomer[id] = profile;
            if (!profile.MayReceiveOffers)
            {
                noOffer[id] = NoOfferReason.OptedOut;
                continue;
            }

            if (!arms.All(r => options.Catalogue.EligibilityOf(r.Id).IsEligible(profile, out _)))
            {
                noOffer[id] = NoOfferReason.NotEligible;
                continue;
            }

            double meanNet = arms.Average(r => options.Response.ExpectedUplift(profile, r) - r.ExpectedCost);
            if (meanNet <= 0)
            {
                noOffer[id] = NoOfferReason.NotWorthIt;
                continue;
            }

            candidates.Add(new OfferCandidate(id, "bandit", SegmentKey(profile), meanNet, reserve));
        }

        var reserved = BudgetAllocator.Allocate(candidates, options.Constraints);
        var offers = new List<RewardOffer>(reserved.Chosen.Count);
        var chosen = new List<OfferCandidate>(reserved.Chosen.Count);
        var costBySegment = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var slot in reserved.Chosen)
        {
            var profile = byCustomer[slot.CustomerId];
            var decision = learner.Choose(slot.Segment ?? string.Empty);
            var reward = options.Catalogue.Get(decision.ArmId);
            double uplift = options.Response.ExpectedUplift(profile, reward);
            var offer = Offers.Make(options.Campaign, profile, reward, uplift, $"bandit ({decision.Policy})",
                string.Create(CultureInfo.InvariantCulture,
                    $"The {decision.Policy} bandit chose '{reward.Description}' for segment '{slot.Segment}' with probability {decision.Propensity:0.###} (model version {decision.ModelVersion}); the budget reserved {reserve:0.00} for this customer."),
                new Dictionary<string, double> { ["propensity"] = decision.Propensity, ["modelVersion"] = decision.ModelVersion });
            learner.Track(offer.OfferId, decision);
            offers.Add(offer);
            chosen.Add(slot with { RewardId = reward.Id, ExpectedUplift = uplift - reward.ExpectedCost, ExpectedCost = reward.ExpectedCost });
            if (slot.Segment is not null)
            {
                costBySegment[slot.Segment] = costBySegment.GetValueOrDefault(slot.Segment) + reward.ExpectedCost;
            }
        }

        var served = chosen.Select(c => c.CustomerId).ToHashSet();
        foreach (var candidate in candidates)
        {
            if (!served.Contains(candidate.CustomerId))
            {
                noOffer.TryAdd(candidate.CustomerId, NoOfferReason.BudgetExhausted);
            }
        }

        var allocation = new Allocation(chosen, chosen.Sum(c => c.ExpectedUplift), chosen.Sum(c => c.ExpectedCost), costBySegment);
        return new RewardPlan(offers, noOffer, allocation);
    }

    internal static string SegmentKey(CustomerProfile profile) =>
        profile.Segment?.Id.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
