using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Feedback.Uplift;

namespace Loyalty.Core.Tests.Feedback.Uplift;

public sealed class HoldoutAssignmentTests
{
    [Fact]
    public void IsHoldout_AnyCustomer_StableAcrossInstances()
    {
        var arb = Gen.Zip(ArbMap.Default.GeneratorFor<NonWhiteSpaceString>(), Gen.Choose(0, 100)).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(arb, input =>
        {
            var id = new CustomerId(input.Item1.Get);
            var first = new HoldoutAssignment("spring-promo", input.Item2 / 100.0, seed: 9);
            var second = new HoldoutAssignment("spring-promo", input.Item2 / 100.0, seed: 9);
            double bucket = first.Bucket(id);
            return bucket >= 0 && bucket < 1 && bucket == second.Bucket(id) && first.IsHoldout(id) == second.IsHoldout(id);
        }));
    }

    [Fact]
    public void IsHoldout_ManyCustomers_NearRequestedFraction()
    {
        var arb = Gen.Choose(1, 99).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(20), Prop.ForAll(arb, percent =>
        {
            const int n = 5000;
            double fraction = percent / 100.0;
            var assignment = new HoldoutAssignment($"experiment-{percent}", fraction);
            int held = Enumerable.Range(0, n).Count(i => assignment.IsHoldout(new CustomerId($"customer-{i}")));
            double sd = Math.Sqrt(fraction * (1 - fraction) / n);
            return Math.Abs(((double)held / n) - fraction) < 5 * sd;
        }));
    }

    [Fact]
    public void Bucket_KnownInput_IsFixedAcrossProcesses()
    {
        // Guards against a switch to a per-process hash: the value is a property of SHA-256, not of this run.
        var a = new HoldoutAssignment("exp", 0.5);
        double first = a.Bucket("c-1");
        Assert.Equal(first, new HoldoutAssignment("exp", 0.5).Bucket("c-1"));
        Assert.NotEqual(first, new HoldoutAssignment("exp", 0.5, seed: 1).Bucket("c-1"));
        Assert.NotEqual(first, new HoldoutAssignment("other", 0.5).Bucket("c-1"));
    }

    [Fact]
    public void Constructor_BlankNameOrBadFraction_ThrowsNamingTheParameter()
    {
        Assert.Equal("experiment", Assert.Throws<ArgumentException>(() => new HoldoutAssignment(" ", 0.5)).ParamName);
        Assert.Equal("holdoutFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new HoldoutAssignment("e", 1.5)).ParamName);
        Assert.Equal("holdoutFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new HoldoutAssignment("e", double.NaN)).ParamName);
        Assert.False(new HoldoutAssignment("e", 0).IsHoldout("x"));
        Assert.True(new HoldoutAssignment("e", 1).IsHoldout("x"));
    }
}
