using FsCheck;
using FsCheck.Fluent;
using Loyalty.Cli.Input;
using static System.FormattableString;

namespace Loyalty.Core.Tests.Cli.Input;

/// <summary>Every text reader of the CLI is total: on 10,000 seeded nasty inputs each, a result or an
/// <see cref="InputFormatException"/> naming the file and line, never another exception.</summary>
public sealed class TextReaderPropertyTests
{
    private const string File = "gen.csv";

    private static readonly string[] RatingNames = ["user", "item", "rating", "timestamp", "User", "ITEM"];

    private static readonly Gen<string[]> ValidRating =
        from user in Gen.Choose(0, 30)
        from item in Gen.Choose(0, 30)
        from rating in Gen.Choose(1, 5)
        from time in Gen.Choose(0, 1_000_000)
        select new[] { Invariant($"u{user}"), Invariant($"i{item}"), Invariant($"{rating}"), Invariant($"{time}"), "1" };

    private static readonly Gen<string[]> ValidCustomer =
        from id in Gen.Choose(0, 100_000)
        from x in Gen.Choose(0, 5)
        from t in Gen.Choose(1, 40)
        from tx in Gen.Choose(0, 40)
        from money in Gen.Choose(0, 500)
        select new[] { Invariant($"c{id}"), Invariant($"{x}"), Invariant($"{Math.Min(tx, t)}"), Invariant($"{t}"), Invariant($"{money / 4.0}") };

    private static readonly Gen<string[]> ValidCounts = Gen.Choose(0, 40).ArrayOf(5).Select(a => a.Select(v => Invariant($"{v}")).ToArray());

    private static readonly Gen<string[]> ValidRow = Gen.Choose(-400, 400).ArrayOf(5).Select(a => a.Select(v => Invariant($"{v / 8.0}")).ToArray());

    [Fact]
    public void RatingsCsv_AnyBytes_ResultOrLocatedFormatError()
    {
        string[] headers = ["user,item,rating", "user,item,rating,timestamp", "user,item,rating,rating", "User,ITEM,Rating", "item,user,rating,timestamp", "user,item", "\"user\",item,\"rat,ing\""];
        var contract = new ReaderContract(File);
        Check.One(NastyInputs.Config(15), Prop.ForAll(NastyInputs.Damaged(NastyInputs.Table(headers, RatingNames, ValidRating)).ToArbitrary(), bytes => contract.Holds(() =>
        {
            var ratings = RatingsFile.Read(new MemoryStream(bytes), File, RatingsFormat.Csv, new RatingsColumns());
            Assert.All(ratings.Interactions, r => Assert.True(float.IsFinite(r.Value) && r.User.Length > 0 && r.Item.Length > 0 && !r.User.Contains('\uFFFD', StringComparison.Ordinal)));
            ratings.Validate(0, 50, implicitStrengths: false);
        })));
        AssertBothOutcomes(contract);
    }

    [Fact]
    public void RatingsMovieLens_AnyBytes_ResultOrLocatedFormatError()
    {
        string[] lines = ["1\t10\t4\t881250949", "u1\ti1\t3", "1\t2\t3\t4\t5", "1\t2\t3"];
        var contract = new ReaderContract(File);
        Check.One(NastyInputs.Config(16), Prop.ForAll(NastyInputs.Damaged(NastyInputs.Table(lines, RatingNames, ValidRating, '\t')).ToArbitrary(), bytes => contract.Holds(() =>
        {
            var ratings = RatingsFile.Read(new MemoryStream(bytes), File, RatingsFormat.MovieLens, new RatingsColumns());
            Assert.All(ratings.Interactions, r => Assert.True(float.IsFinite(r.Value)));
            ratings.Validate(0, 50, implicitStrengths: false);
        })));
        AssertBothOutcomes(contract);
    }

    [Fact]
    public void SummaryCustomers_AnyBytes_ResultOrLocatedFormatError()
    {
        string[] headers = ["ID,x,t_x,T,zbar", "customer_id,frequency,recency,T,monetary_value", "id,frequency,recency,T", "frequency,recency,T,monetary_value", "id,x,x,T", "id,T,t,x,t_x"];
        string[] names = ["ID", "x", "t_x", "T", "zbar", "frequency"];
        var contract = new ReaderContract(File);
        Check.One(NastyInputs.Config(17), Prop.ForAll(NastyInputs.Damaged(NastyInputs.Table(headers, names, ValidCustomer)).ToArbitrary(), bytes => contract.Holds(() =>
        {
            var customers = SummaryReader.ReadCustomers(new MemoryStream(bytes), File);
            Assert.All(customers, c => Assert.True(c.Recency >= 0 && c.Recency <= c.T && double.IsFinite(c.MonetaryValue)));
            Assert.Equal(customers.Count, customers.Select(c => c.CustomerId).Distinct().Count());
        })));
        AssertBothOutcomes(contract);
    }

    [Fact]
    public void SummaryDiscreteAndSurvivors_AnyBytes_ResultOrLocatedFormatError()
    {
        string[] headers = ["frequency,recency,periods,weights", "x,t_x,n", "frequency,recency,periods,periods", "period,survivors", "alive", "t,survived,alive"];
        string[] names = ["frequency", "recency", "periods", "weights", "survivors"];
        var discrete = new ReaderContract(File);
        var survivors = new ReaderContract(File);
        Check.One(NastyInputs.Config(18), Prop.ForAll(NastyInputs.Damaged(NastyInputs.Table(headers, names, ValidCounts)).ToArbitrary(), bytes =>
            discrete.Holds(() => SummaryReader.ReadDiscrete(new MemoryStream(bytes), File))
            && survivors.Holds(() => Assert.All(SummaryReader.ReadSurvivors(new MemoryStream(bytes), File), s => Assert.True(double.IsFinite(s))))));
        AssertBothOutcomes(discrete);
        AssertBothOutcomes(survivors);
    }

    [Fact]
    public void MatrixCsv_AnyBytesAnyHeaderMode_ResultOrLocatedFormatError()
    {
        string[] headers = ["x,y", "spend,visits,recency", "a,a", "A,a", "1,2", "x,,y", "\"q,1\",b", "0.5,1.5,2"];
        string[] names = ["x", "y", "spend"];
        var contract = new ReaderContract(File);
        var cases = NastyInputs.Damaged(NastyInputs.Table(headers, names, ValidRow)).Zip(Gen.Elements(CsvHeaderMode.Expected, CsvHeaderMode.Present, CsvHeaderMode.Absent));
        Check.One(NastyInputs.Config(19), Prop.ForAll(cases.ToArbitrary(), input => contract.Holds(() =>
        {
            FeatureMatrix matrix = MatrixCsvReader.Read(new MemoryStream(input.Item1), File, new MatrixReadOptions(input.Item2));
            Assert.True(matrix.Rows >= 1);
            Assert.All(Enumerable.Range(0, matrix.Rows).SelectMany(i => matrix.Row(i).ToArray()), v => Assert.True(float.IsFinite(v)));
        })));
        AssertBothOutcomes(contract);
    }

    /// <summary>A generator that never produced a valid file (or never a broken one) would test nothing.</summary>
    internal static void AssertBothOutcomes(ReaderContract contract)
    {
        Assert.True(contract.Results >= NastyInputs.Count / 100, $"only {contract.Results} inputs were read successfully");
        Assert.True(contract.Errors >= NastyInputs.Count / 10, $"only {contract.Errors} inputs were rejected");
    }
}
