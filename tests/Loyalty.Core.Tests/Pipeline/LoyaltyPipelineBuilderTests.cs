using Loyalty.Core.Collection;
using Loyalty.Core.Features;
using Loyalty.Core.Pipeline;
using Loyalty.Core.Rewards;
using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Pipeline;

public sealed class LoyaltyPipelineBuilderTests
{
    /// <summary>Every builder method that takes a required argument, called with null for it.</summary>
    public static TheoryData<string, Action<LoyaltyPipelineBuilder>> NullArguments() => new()
    {
        { "source", b => b.CollectFrom(null!) },
        { "path", b => b.CollectFromFile(null!) },
        { "store", b => b.UseStore(null!) },
        { "customers", b => b.WithCustomers(null!) },
        { "options", b => b.SummarizeRfm(null!) },
        { "options", b => b.DesignRewards(null!) },
        { "sink", b => b.RecordFeedbackTo(null!) },
        { "learner", b => b.OptimizeWith(null!) },
        { "time", b => b.UseTimeProvider(null!) },
    };

    [Theory]
    [MemberData(nameof(NullArguments))]
    public void BuilderMethod_NullArgument_ThrowsArgumentNullExceptionNamingIt(string parameter, Action<LoyaltyPipelineBuilder> call)
    {
        var ex = Assert.Throws<ArgumentNullException>(() => call(LoyaltyPipeline.CreateBuilder()));

        Assert.Equal(parameter, ex.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void CollectFromFile_BlankPath_ThrowsArgumentException(string path) =>
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => LoyaltyPipeline.CreateBuilder().CollectFromFile(path)).ParamName);

    [Fact]
    public void Build_InvalidOptionsOfSeveralSteps_ReportsEveryErrorNamingEachOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => LoyaltyPipeline.CreateBuilder()
            .CollectFromFile("transactions.csv", new TransactionFileOptions { DateColumn = " " })
            .SummarizeRfm(new RfmOptions { Cleaning = new CleaningPolicy { MaxRejectedRows = -1 } })
            .Segment(new SegmentationStepOptions { KMeans = new KMeansOptions { K = 0 } })
            .EstimateClv(new ClvStepOptions { Horizon = double.NaN })
            .DesignRewards(new RewardStepOptions { Campaign = "", Constraints = new AllocationConstraints { Budget = -1 } })
            .Build());

        Assert.Null(ex.ParamName);
        Assert.StartsWith("Invalid options (6 errors):", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- TransactionFileOptions.DateColumn is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- RfmOptions.Cleaning.MaxRejectedRows must be >= 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- SegmentationStepOptions.KMeans.K must be >= 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- ClvStepOptions.Horizon must be a finite number > 0 (was NaN)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- RewardStepOptions.Campaign is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- RewardStepOptions.Constraints.Budget must be a finite number >= 0 (was -1)", ex.Message, StringComparison.Ordinal);
    }
}
