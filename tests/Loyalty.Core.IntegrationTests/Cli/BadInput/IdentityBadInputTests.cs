using System.Text.Json;
using Loyalty.Core.Storage;
using Loyalty.Core.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Loyalty.Core.Tests.Cli.BadInput;

/// <summary>Issue 15, identity: key variables that are missing, ids shaped like pseudonyms, erased customers coming
/// back with an old log, and two customers sharing an order id — through the CLI.</summary>
public sealed class IdentityBadInputTests : IDisposable
{
    private static readonly string KeyText = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly string _directory = Directory.CreateTempSubdirectory("loyalty-identity-").FullName;
    private readonly List<string> _variables = [];

    private string StorePath => Path.Combine(_directory, "store.db");

    private string Store => "sqlite:" + StorePath;

    private string Write(string name, string content)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A key variable of this test only: the CLI runs in-process and tests run in parallel.</summary>
    private string KeyVariable(string? value = null)
    {
        string name = "LOYALTY_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, value ?? KeyText);
        _variables.Add(name);
        return name;
    }

    private async Task<List<Transaction>> StoredRowsAsync()
    {
        await using var store = await SqliteLoyaltyStore.OpenAsync(StorePath, new LoyaltyStoreOptions { Pseudonymizer = CustomerPseudonymizer.FromKeyText(KeyText) });
        var rows = new List<Transaction>();
        await foreach (var t in store.ReadAsync())
        {
            rows.Add(t);
        }

        return rows;
    }

    [Fact]
    public void Ingest_KeyEnvNamesAnUnsetVariable_ExitsTwoNamingItAndCreatesNoStore()
    {
        string missing = "LOYALTY_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        string log = Write("log.csv", "customer_id,date,amount\nalice,2024-03-01,10\n");

        var result = CliHarness.Run("ingest", "--transactions", log, "--store", Store, "--key-env", missing);

        Assert.Equal(2, result.Exit);
        Assert.Contains("--key-env", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("$" + missing, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("not set", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(StorePath));
    }

    [Fact]
    public void Ingest_KeyEnvNamesABlankVariable_ExitsTwoNamingIt()
    {
        string blank = KeyVariable("   ");
        string log = Write("log.csv", "customer_id,date,amount\nalice,2024-03-01,10\n");

        var result = CliHarness.Run("ingest", "--transactions", log, "--store", Store, "--key-env", blank);

        Assert.Equal(2, result.Exit);
        Assert.Contains("$" + blank + " is empty", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(StorePath));
    }

    [Fact]
    public async Task Ingest_IdShapedLikeACustomersPseudonym_IsKeyedAndNeverJoinsThatCustomer()
    {
        string key = KeyVariable();
        string alicePseudonym = CustomerPseudonymizer.FromKeyText(KeyText).Pseudonymize(new CustomerId("alice")).Value;
        string genuine = Write("alice.csv", "customer_id,date,amount\nalice,2024-03-01,10\nalice,2024-03-08,12\n");
        string forged = Write("forged.csv", $"customer_id,date,amount\n{alicePseudonym},2024-03-15,99\n");

        var first = CliHarness.Run("ingest", "--transactions", genuine, "--store", Store, "--key-env", key, "--json");
        var second = CliHarness.Run("ingest", "--transactions", forged, "--store", Store, "--key-env", key, "--json");

        Assert.True(second.Exit == 0, second.Stderr);
        Assert.Equal(0, first.Exit);
        using var json = JsonDocument.Parse(second.Stdout);
        Assert.True(json.RootElement.GetProperty("pseudonymised").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("inserted").GetInt64());
        var rows = await StoredRowsAsync();
        Assert.Equal(3, rows.Count);
        Assert.Equal(22m, rows.Where(t => t.CustomerId.Value == alicePseudonym).Sum(t => t.Amount));
        Assert.Equal(2, rows.Select(t => t.CustomerId).Distinct().Count());
    }

    [Fact]
    public void Ingest_KeyedStoreAndABadRow_MessageNamesThePseudonymNeverTheRawId()
    {
        string key = KeyVariable();
        string log = Write("log.csv", "customer_id,date,amount\nalice@example.com,2024-03-01,12.34567\n");

        var result = CliHarness.Run("ingest", "--transactions", log, "--store", Store, "--key-env", key);

        Assert.Equal(2, result.Exit);
        Assert.Contains("four decimals", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'ps_", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_OriginalLogAfterErasure_CountsTheErasedCustomersRowsAsSkipped()
    {
        string key = KeyVariable();
        string log = Write("log.csv", "customer_id,date,amount\nalice,2024-03-01,10\nbob,2024-03-02,5\nalice,2024-03-09,11\nalice,2024-04-01,7\nbob,2024-04-02,6\n");
        Assert.Equal(0, CliHarness.Run("ingest", "--transactions", log, "--store", Store, "--key-env", key).Exit);
        await using (var store = await SqliteLoyaltyStore.OpenAsync(StorePath, new LoyaltyStoreOptions { Pseudonymizer = CustomerPseudonymizer.FromKeyText(KeyText) }))
        {
            await store.EraseCustomerAsync(new CustomerId("alice"));
        }

        var again = CliHarness.Run("ingest", "--transactions", log, "--store", Store, "--key-env", key, "--json");

        Assert.True(again.Exit == 0, again.Stderr);
        using var json = JsonDocument.Parse(again.Stdout);
        Assert.Equal(5, json.RootElement.GetProperty("read").GetInt64());
        Assert.Equal(3, json.RootElement.GetProperty("erased").GetInt64());
        Assert.Equal(2, json.RootElement.GetProperty("duplicates").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("inserted").GetInt64());
        Assert.Equal(2, (await StoredRowsAsync()).Count);
    }

    [Fact]
    public async Task Ingest_TwoCustomersShareAnOrderIdOnOneDay_KeepsBothOrders()
    {
        string key = KeyVariable();
        string log = Write("orders.csv", "customer_id,date,amount,order_id\nalice,2024-03-01,10,o-1\nbob,2024-03-01,25,o-1\nalice,2024-03-01,10,o-1\n");

        var result = CliHarness.Run("ingest", "--transactions", log, "--order-column", "order_id", "--store", Store, "--key-env", key, "--json");
        var again = CliHarness.Run("ingest", "--transactions", log, "--order-column", "order_id", "--store", Store, "--key-env", key, "--json");

        Assert.True(result.Exit == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        using var rerun = JsonDocument.Parse(again.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("inserted").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("quality").GetProperty("duplicateOrderIds").GetInt64()); // alice's order sent twice
        Assert.Equal(0, rerun.RootElement.GetProperty("inserted").GetInt64());
        var rows = await StoredRowsAsync();
        Assert.Equal([10m, 25m], rows.Select(t => t.Amount).Order());
    }

    public void Dispose()
    {
        foreach (string variable in _variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a failed test is left for the OS to clean up.
        }
    }
}
