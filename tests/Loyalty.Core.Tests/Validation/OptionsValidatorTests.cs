using Loyalty.Core.Collection;
using Loyalty.Core.Features;
using Loyalty.Core.Segmentation;
using Loyalty.Core.Validation;

namespace Loyalty.Core.Tests.Validation;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void ThrowIfInvalid_SeveralErrors_ReportsEachInOneExceptionNamingTheOption()
    {
        var v = new OptionsValidator("SampleOptions");
        v.Positive("Rate", -1);
        v.AtLeast("Count", 0, 1);
        v.NotBlank("Name", " ");

        var ex = Assert.Throws<ArgumentException>(() => v.ThrowIfInvalid());

        Assert.Equal("options", ex.ParamName);
        Assert.StartsWith("Invalid options (3 errors):", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- SampleOptions.Rate must be a finite number > 0 (was -1).", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- SampleOptions.Count must be >= 1 (was 0).", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- SampleOptions.Name is required (was empty).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalid_NoErrors_DoesNotThrow()
    {
        var v = new OptionsValidator("SampleOptions");
        Assert.True(v.Positive("Rate", 0.5) & v.InRange("Share", 1, 0, 1) & v.Ordered("Min", 1, "Max", 2));

        v.ThrowIfInvalid();

        Assert.True(v.IsValid);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0.0)]
    public void Positive_NotAFinitePositiveNumber_IsAnError(double value)
    {
        var v = new OptionsValidator("SampleOptions");

        Assert.False(v.Positive("Rate", value));
        Assert.Single(v.Errors);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-1e-12)]
    public void NonNegative_NegativeOrNotFinite_IsAnError(double value) =>
        Assert.False(new OptionsValidator("SampleOptions").NonNegative("Rate", value));

    [Fact]
    public void Ordered_LowNotBelowHigh_NamesBothOptions()
    {
        var v = new OptionsValidator("SampleOptions");

        Assert.False(v.Ordered("Min", 5, "Max", 5));

        Assert.Equal("SampleOptions.Min must be less than SampleOptions.Max (was 5 and 5).", Assert.Single(v.Errors));
    }

    [Fact]
    public void Defined_UnknownEnumValue_ListsTheNames()
    {
        var v = new OptionsValidator("SampleOptions");

        Assert.False(v.Defined("Unit", (TimeUnit)42));

        Assert.Contains("SampleOptions.Unit must be one of", Assert.Single(v.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_ErrorsOfAnInnerRecord_AreNamedThroughTheProperty()
    {
        var v = new OptionsValidator("Outer");

        v.Nested("Inner").AtLeast("Size", -1, 0);
        v.For("Other").Finite("Value", double.NaN);

        Assert.Equal(["Outer.Inner.Size must be >= 0 (was -1).", "Other.Value must be a finite number (was NaN)."], v.Errors);
    }

    [Fact]
    public void KMeansOptionsValidate_SeveralErrors_ReportsAllOfThemNamingEachOption()
    {
        var options = new KMeansOptions { K = 0, NInit = 0, MaxIterations = 0, Tolerance = double.NaN, MaxDegreeOfParallelism = 0 };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith("Invalid options (5 errors):", ex.Message, StringComparison.Ordinal);
        foreach (var name in new[] { "K", "NInit", "MaxIterations", "Tolerance", "MaxDegreeOfParallelism" })
        {
            Assert.Contains($"- KMeansOptions.{name} must be", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RfmOptionsValidate_ErrorsInItselfAndItsCleaningPolicy_ReportsBothPaths()
    {
        var options = new RfmOptions
        {
            TimeUnit = (TimeUnit)9,
            ObservationEnd = new DateTime(2020, 1, 1),
            Cleaning = new CleaningPolicy { MaxRejectedRows = -1, RejectedSampleSize = -2 },
        };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith("Invalid options (4 errors):", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- RfmOptions.TimeUnit must be one of", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- RfmOptions.ObservationEnd needs an explicit CalibrationEnd.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- RfmOptions.Cleaning.MaxRejectedRows must be >= 0 (was -1).", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- RfmOptions.Cleaning.RejectedSampleSize must be >= 0 (was -2).", ex.Message, StringComparison.Ordinal);
    }
}
