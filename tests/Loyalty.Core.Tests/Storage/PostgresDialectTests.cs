using Loyalty.Core.Storage.PostgreSql;
using Npgsql;

namespace Loyalty.Core.Tests.Storage;

public sealed class PostgresDialectTests
{
    private static readonly PostgresDialect Dialect = new(NpgsqlDataSource.Create("Host=127.0.0.1"), TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData("40001", true)] // serialization_failure
    [InlineData("40P01", true)] // deadlock_detected
    [InlineData("55P03", true)] // lock_not_available
    [InlineData("23505", false)] // unique_violation: a real conflict, retrying cannot help
    [InlineData("42P01", false)] // undefined_table
    public void IsTransient_PostgresError_RetriesOnlyLockConflicts(string sqlState, bool expected)
    {
        var error = new PostgresException("test", "ERROR", "ERROR", sqlState);

        Assert.Equal(expected, Dialect.IsTransient(error));
    }

    [Fact]
    public void IsTransient_OtherException_False() => Assert.False(Dialect.IsTransient(new InvalidOperationException()));
}
