using System.Globalization;
using Loyalty.Core.Storage;

namespace Loyalty.Core.Tests.Storage;

/// <summary>The store reads time only from <see cref="LoyaltyStoreOptions.TimeProvider"/>.</summary>
public abstract partial class StoreContractTests
{
    /// <summary>A clock stopped at one instant.</summary>
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [SkippableFact]
    public async Task OpenAsync_WithTimeProvider_StampsMigrationsWithItsClock()
    {
        var instant = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
        string database = await NewDatabaseAsync();
        await (await OpenAsync(database, Clear with { TimeProvider = new StoppedClock(instant) })).DisposeAsync();

        string? stamp = Convert.ToString(
            await ExecuteSqlAsync(database, "SELECT MIN(applied_at) FROM loyalty_schema_version"), CultureInfo.InvariantCulture);

        Assert.Equal(instant.UtcDateTime, DateTime.Parse(stamp!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }
}
