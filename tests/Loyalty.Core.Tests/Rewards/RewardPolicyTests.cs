using Loyalty.Core.Rewards;

namespace Loyalty.Core.Tests.Rewards;

public sealed class RewardPolicyTests
{
    private static readonly Segment Gold = new(2, "Gold spenders");

    private static CustomerProfile Profile(string id, int segment = 2, double pAlive = 0.9, double spend = 200, Customer? customer = null) =>
        new(new CustomerSummary(id, 5, 20, 30, spend), new Segment(segment, $"s{segment}"),
            new ClvEstimate(id, pAlive, 3, spend, 500, 52), LoyaltyScore: 12.3, Customer: customer ?? new Customer(id, MarketingConsent: true));

    [Fact]
    public void SegmentPolicy_SeedTable_GivesEachClusterItsRewardWithAnExplanation()
    {
        var catalogue = RewardCatalogue.SeedExample;
        var policy = new SegmentRewardPolicy(catalogue, new Dictionary<int, string> { [0] = "c0-100pts-10off", [1] = "c1-200pts-freeship", [2] = "c2-300pts-50off" });

        var offer = policy.Decide(Profile("a") with { Segment = Gold }, catalogue.Rewards)!;

        Assert.Equal("c2-300pts-50off", offer.Reward.Id);
        Assert.Equal("segment map", offer.Explanation.Policy);
        Assert.Contains("Gold spenders", offer.Explanation.Reason, StringComparison.Ordinal);
        Assert.Equal(2, offer.Explanation.Facts["segment"]);
        Assert.Equal(0.9, offer.Explanation.Facts["probabilityAlive"]);
        Assert.Equal("segment:a:c2-300pts-50off", offer.OfferId);
    }

    [Fact]
    public void SegmentPolicy_UnknownReward_ThrowsListingIt() =>
        Assert.Contains("'nope'", Assert.Throws<ArgumentException>(() =>
            new SegmentRewardPolicy(RewardCatalogue.SeedExample, new Dictionary<int, string> { [0] = "nope" })).Message, StringComparison.Ordinal);

    [Fact]
    public void Policies_OptedOutCustomer_GetNoOffer()
    {
        var optedOut = Profile("a", customer: new Customer("a", ProfilingOptOut: true));
        var catalogue = RewardCatalogue.SeedExample;
        Assert.Null(new ClvAwarePolicy(catalogue).Decide(optedOut, catalogue.Rewards));
        Assert.Null(new SegmentRewardPolicy(catalogue, new Dictionary<int, string> { [2] = "c0-100pts-10off" }).Decide(optedOut, catalogue.Rewards));
    }

    [Fact]
    public void Policies_CustomerWithoutRecord_GetNoOfferBecauseConsentIsOptIn()
    {
        var unknown = Profile("a") with { Customer = null };
        var catalogue = RewardCatalogue.SeedExample;

        Assert.False(unknown.MayReceiveOffers);
        Assert.False((Profile("a") with { Customer = new Customer("a") }).MayReceiveOffers); // a record without consent
        Assert.True(Profile("a").MayReceiveOffers);
        Assert.Null(new ClvAwarePolicy(catalogue).Decide(unknown, catalogue.Rewards));
        Assert.Null(new SegmentRewardPolicy(catalogue, new Dictionary<int, string> { [2] = "c0-100pts-10off" }).Decide(unknown, catalogue.Rewards));
    }

    [Fact]
    public void ClvAwarePolicy_PicksTheBestNetUpliftAndNothingForLowValueCustomers()
    {
        var catalogue = RewardCatalogue.SeedExample;
        var policy = new ClvAwarePolicy(catalogue);

        var rich = policy.Decide(Profile("rich", spend: 400), catalogue.Rewards)!;
        var model = new HeuristicResponseModel();
        var bestNet = catalogue.Rewards.Max(r => model.ExpectedUplift(Profile("rich", spend: 400), r) - r.ExpectedCost);
        Assert.Equal(bestNet, rich.ExpectedUplift - rich.ExpectedCost, 9);
        Assert.Null(policy.Decide(Profile("poor", spend: 5, pAlive: 0.1), catalogue.Rewards));
    }

    [Fact]
    public void Catalogue_InvalidEntries_AllReported()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RewardCatalogue(
        [
            (new Reward("x", RewardKind.PercentOff, 150, "too much", 1m, 0.5), null),
            (new Reward("x", RewardKind.Points, 10, "dup", -1m, 1.5), null),
        ]));
        Assert.Contains("RewardCatalogue.entries[0].Reward.Value must be at most 100 for a percentage off (was 150)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RewardCatalogue.entries[1].Reward.Id must be unique (reward id 'x' is used twice)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RewardCatalogue.entries[1].Reward.ExpectedRedemptionRate must be in [0, 1] (was 1.5)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RewardCatalogue.entries[1].Reward.CostIfRedeemed must be >= 0 (was -1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalogue_UnknownReward_ThrowsNamingIt() =>
        Assert.Contains("'gold-bar'", Assert.Throws<ArgumentException>(() => RewardCatalogue.SeedExample.Get("gold-bar")).Message, StringComparison.Ordinal);

    [Fact]
    public void Planner_Budget_IsRespectedAndEveryCustomerAccountedFor()
    {
        var profiles = Enumerable.Range(0, 50).Select(i => Profile($"c{i:00}", segment: i % 3, spend: 50 + (i * 20),
            customer: i == 7 ? new Customer($"c{i:00}", MarketingConsent: false) : null)).ToList();
        var plan = new RewardPlanner(RewardCatalogue.SeedExample).Plan(profiles, new AllocationConstraints { Budget = 30 });

        Assert.True(plan.Allocation.TotalCost <= 30 + 1e-9);
        Assert.Equal(50, plan.Offers.Count + plan.NoOffer.Count);
        Assert.Equal(NoOfferReason.OptedOut, plan.NoOffer["c07"]);
        Assert.Contains(plan.NoOffer.Values, r => r == NoOfferReason.BudgetExhausted);
        Assert.All(plan.Offers, o => Assert.Equal("budget allocation", o.Explanation.Policy));
    }
}
