using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Loyalty.Core.Tests.Storage;

public abstract partial class StoreContractTests
{
    /// <summary>The <c>--store</c> argument of the CLI for a database from <see cref="NewDatabaseAsync"/>.</summary>
    protected abstract string CliStoreLocation(string database);

    /// <summary>Writes a CSV log of <paramref name="rows"/> purchases (some identical rows included).</summary>
    protected static string WriteLog(string directory, int rows)
    {
        string path = Path.Combine(directory, $"log-{rows}.csv");
        var random = new Random(17);
        var text = new StringBuilder("customer_id,date,amount\n", rows * 28);
        for (int i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"c{random.Next(rows / 10)},2024-{1 + random.Next(12):00}-{1 + random.Next(28):00},{random.Next(1, 50_000) / 100m}\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    private async Task<long> CountTransactionsAsync(string database) =>
        Convert.ToInt64(await ExecuteSqlAsync(database, "SELECT COUNT(*) FROM loyalty_transactions"), CultureInfo.InvariantCulture);

    /// <summary>Kills the ingesting process with SIGKILL once some batches are committed, then ingests again.</summary>
    [SkippableFact]
    public async Task Ingest_ProcessKilledMidway_KeepsWholeBatchesAndRerunStoresEveryRowOnce()
    {
        const int Rows = 400_000;
        const int Batch = 5_000;
        string database = await NewDatabaseAsync();
        await (await OpenAsync(database, Clear)).DisposeAsync();
        string directory = Directory.CreateTempSubdirectory("loyalty-crash-").FullName;
        string log = WriteLog(directory, Rows);
        string[] args = ["ingest", "--transactions", log, "--store", CliStoreLocation(database), "--batch", Batch.ToString(CultureInfo.InvariantCulture)];

        using (var child = StartCli(args))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await CountTransactionsAsync(database) < 3 * Batch && !child.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            Assert.False(child.HasExited, "the ingest finished before it could be killed; make the log longer");
            child.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no flush, no rollback code runs
            await child.WaitForExitAsync();
        }

        long afterKill = await CountTransactionsAsync(database);
        Assert.InRange(afterKill, 3 * Batch, Rows - 1);
        Assert.Equal(0, afterKill % Batch); // only whole batches survive

        using (var rerun = StartCli([.. args, "--json"]))
        {
            string output = await rerun.StandardOutput.ReadToEndAsync();
            await rerun.WaitForExitAsync();
            Assert.True(rerun.ExitCode == 0, output + await rerun.StandardError.ReadToEndAsync());
            Assert.Contains($"\"inserted\":{Rows - afterKill}", output, StringComparison.Ordinal);
        }

        Assert.Equal(Rows, await CountTransactionsAsync(database));
        await using var store = await OpenAsync(database, Clear);
        var stored = (await ToListAsync(store.ReadAsync())).Select(t => $"{t.CustomerId.Value},{t.Timestamp:yyyy-MM-dd},{t.Amount.ToString(CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal);
        var expected = File.ReadLines(log).Skip(1).Select(NormalizeLine).Order(StringComparer.Ordinal);
        Assert.Equal(expected, stored);
        Directory.Delete(directory, recursive: true);
    }

    private static string NormalizeLine(string line)
    {
        string[] fields = line.Split(',');
        return $"{fields[0]},{fields[1]},{decimal.Parse(fields[2], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}";
    }

    private static Process StartCli(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "loyalty.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("LOYALTY_STORE_KEY");
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the CLI");
    }
}
