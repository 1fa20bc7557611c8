using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class ModelPropertyTests
{
    private static readonly IClvModel[] Models =
    [
        new BgNbdModel(0.2426, 4.4137, 0.7930, 2.4262),
        new ModifiedBgNbdModel(0.525, 6.183, 0.891, 1.614),
        new ParetoNbdModel(0.5533, 10.578, 0.6062, 11.669),
        new BgNbdModel(1.7, 0.9, 1.0, 0.4),      // a = 1 and a + b < 2 singular points
        new ParetoNbdModel(0.3, 2.0, 1.0, 40.0), // s = 1, α ≪ β
    ];

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(200);

    /// <summary>A customer with x in 0..400, T in (0, 120], recency a fraction of T (0 when x = 0).</summary>
    private static Arbitrary<(int Model, int X, double T, double Share)> Cases() =>
        (from m in Gen.Choose(0, Models.Length - 1)
         from x in Gen.Frequency((3, Gen.Choose(0, 30)), (1, Gen.Choose(31, 400)))
         from t in Gen.Choose(1, 12000).Select(v => v / 100.0)
         from share in Gen.Choose(0, 1000).Select(v => v / 1000.0)
         select (m, x, t, share)).ToArbitrary();

    private static CustomerSummary Customer(int x, double t, double share) =>
        new(new CustomerId("p"), x, x == 0 ? 0 : share * t, t, 0);

    [Fact]
    public void ProbabilityAlive_AnyCustomer_IsAProbability() =>
        Check.One(Config, Prop.ForAll(Cases(), c =>
        {
            double p = Models[c.Model].ProbabilityAlive(Customer(c.X, c.T, c.Share));
            return p >= 0 && p <= 1;
        }));

    [Fact]
    public void ProbabilityAlive_LaterLastPurchase_IsNotLower() =>
        Check.One(Config, Prop.ForAll(Cases(), c =>
        {
            if (c.X == 0)
            {
                return true;
            }

            var model = Models[c.Model];
            double earlier = model.ProbabilityAlive(Customer(c.X, c.T, c.Share * 0.9));
            double later = model.ProbabilityAlive(Customer(c.X, c.T, c.Share));
            return later >= earlier - 1e-12;
        }));

    [Fact]
    public void ExpectedPurchases_LongerHorizon_IsNotLowerAndFinite() =>
        Check.One(Config, Prop.ForAll(Cases(), c =>
        {
            var model = Models[c.Model];
            var customer = Customer(c.X, c.T, c.Share);
            double shorter = model.ExpectedPurchases(customer, 10);
            double longer = model.ExpectedPurchases(customer, 60);
            return double.IsFinite(longer) && shorter >= 0 && longer >= shorter - (1e-12 * longer);
        }));

    [Fact]
    public void ExpectedPurchasesUnconditional_IncreasesWithTime() =>
        Check.One(Config, Prop.ForAll(Gen.Choose(0, Models.Length - 1).ToArbitrary(), Gen.Choose(1, 2000).ToArbitrary(), (m, t) =>
            Models[m].ExpectedPurchasesUnconditional(t / 10.0) < Models[m].ExpectedPurchasesUnconditional((t / 10.0) + 1)));

    [Fact]
    public void ProbabilityOfPurchases_SumsToOneOverN() =>
        Check.One(Config.WithMaxTest(50), Prop.ForAll(Gen.Choose(1, 1000).ToArbitrary(), Gen.Choose(0, 1).ToArbitrary(), (t, which) =>
        {
            double sum = 0;
            for (int n = 0; n < 3000; n++)
            {
                sum += which == 0
                    ? ((BgNbdModel)Models[0]).ProbabilityOfPurchases(t / 10.0, n)
                    : ((ModifiedBgNbdModel)Models[1]).ProbabilityOfPurchases(t / 10.0, n);
            }

            return Math.Abs(sum - 1) < 1e-9;
        }));

    [Fact]
    public void ProbabilityOfPurchases_MeanEqualsExpectedPurchasesUnconditional()
    {
        var m = (BgNbdModel)Models[0];
        double mean = Enumerable.Range(0, 400).Sum(n => n * m.ProbabilityOfPurchases(39, n));
        Assert.Equal(m.ExpectedPurchasesUnconditional(39), mean, 1e-9);
    }

    [Fact]
    public void ParetoNbd_EqualRates_MatchesClosedForm()
    {
        // α = β: the integral is [(α+t_x)^{−M} − (α+T)^{−M}]/M exactly, M = r+s+x.
        double r = 0.5, s = 0.7, a = 9.0;
        var c = Customer(4, 30, 0.5);
        double M = r + s + 4;
        double integral = (Math.Pow(a + 15, -M) - Math.Pow(a + 30, -M)) / M;
        double alive = Math.Pow(a + 30, -(r + 4)) * Math.Pow(a + 30, -s);
        Assert.Equal(alive / (alive + (s * integral)), new ParetoNbdModel(r, a, s, a).ProbabilityAlive(c), 1e-12);
    }

    [Fact]
    public void ParetoNbd_LastPurchaseAtT_IsAliveWithCertainty() =>
        Assert.Equal(1.0, Models[2].ProbabilityAlive(new CustomerSummary(new CustomerId("x"), 3, 30, 30, 0)));
}
