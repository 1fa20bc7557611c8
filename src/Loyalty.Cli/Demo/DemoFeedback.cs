using Loyalty.Core;
using Loyalty.Core.Feedback.Bandits;
using Loyalty.Core.Feedback.Uplift;
using Loyalty.Core.Reporting;
using Loyalty.Core.Rewards;
using Loyalty.Core.Simulation;

namespace Loyalty.Cli.Demo;

/// <summary>
/// Simulated responses to the plan's offers, with a random holdout: held-out customers are not sent their offer.
/// Responses come from the simulator's ground truth: a customer of segment s responds to reward a with probability
/// Response(s, a); without an offer (held out), with the segment's true base response BaseResponse(s), so the measured
/// uplift estimates the world's true lift Response(s, a) − BaseResponse(s) and nothing forces its sign. Responses of treated customers are recorded as redemptions through the bandit's
/// learner, so the bandit learns from them; uplift compares treated with holdout overall, per reward and per segment.
/// </summary>
internal static class DemoFeedback
{
    internal const double HoldoutFraction = 0.2;

    /// <summary>Responses to every offer, the learner told of each redemption, and the uplift estimates.</summary>
    internal static async Task<IReadOnlyList<LabelledUplift>> RunAsync(
        RewardPlan plan, RewardCatalogue catalogue, GroundTruth truth, BanditRewardLearner learner, int seed, DateTime now, CancellationToken cancellationToken)
    {
        var holdout = new HoldoutAssignment("loyalty-demo", HoldoutFraction, seed);
        var segmentOf = plan.Allocation.Chosen.ToDictionary(c => c.CustomerId, c => int.TryParse(c.Segment, out int s) ? s : 0);
        var rewardIndex = catalogue.Rewards.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var random = new Random(unchecked((seed * 31) + 7));
        var groups = new SortedDictionary<string, (List<double> Treated, List<double> Control)>(StringComparer.Ordinal);
        void Add(string group, bool treated, double outcome)
        {
            if (!groups.TryGetValue(group, out var lists))
            {
                groups[group] = lists = ([], []);
            }

            (treated ? lists.Treated : lists.Control).Add(outcome);
        }

        foreach (var offer in plan.Offers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int segment = Math.Clamp(segmentOf.GetValueOrDefault(offer.CustomerId), 0, truth.Segments - 1);
            int arm = rewardIndex[offer.Reward.Id] % truth.Rewards.Count;
            bool treated = !holdout.IsHoldout(offer.CustomerId);
            double p = treated ? truth.Response(segment, arm) : truth.BaseResponse(segment);
            double outcome = random.NextDouble() < p ? 1 : 0;
            if (treated && outcome == 1)
            {
                await learner.RecordAsync(new FeedbackEvent(offer.OfferId + ":redeemed", offer.CustomerId, FeedbackKind.Redeemed, now, offer.OfferId), cancellationToken).ConfigureAwait(false);
            }

            Add("all offers", treated, outcome);
            Add(offer.Reward.Id, treated, outcome);
            Add("segment " + segment.ToString(System.Globalization.CultureInfo.InvariantCulture), treated, outcome);
        }

        // Groups too small for a useful interval are left out (all offers together only need the two outcomes per
        // group that an interval needs at all, so small runs still show one estimate).
        const int minimum = 20;
        return groups
            .Where(g => g.Key == "all offers"
                ? g.Value.Treated.Count >= 2 && g.Value.Control.Count >= 2
                : g.Value.Treated.Count >= minimum && g.Value.Control.Count >= minimum)
            .OrderBy(g => g.Key == "all offers" ? 0 : g.Key.StartsWith("segment", StringComparison.Ordinal) ? 2 : 1)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LabelledUplift(g.Key, TreatmentEffect.Compare(g.Value.Treated, g.Value.Control)))
            .ToList();
    }
}
