namespace Loyalty.Cli.Demo;

/// <summary>Settings of one demo run.</summary>
internal sealed record DemoOptions
{
    /// <summary>Customers simulated, 100 to 10,000,000. <value>The default value is 50,000 (about 1 M transactions).</value></summary>
    internal int Customers { get; init; } = 50_000;

    /// <summary>Seed of every random choice. <value>The default value is 42.</value></summary>
    internal int Seed { get; init; } = 42;

    /// <summary>The SQLite file, or null to skip the store and read the simulator's stream directly.
    /// <value>The default value is "loyalty-demo.db".</value></summary>
    internal string? StorePath { get; init; } = "loyalty-demo.db";

    /// <summary>Where the HTML report goes. <value>The default value is "report.html".</value></summary>
    internal string ReportPath { get; init; } = "report.html";

    /// <summary>Whether an existing demo store at <see cref="StorePath"/> may be recreated (never another file).</summary>
    internal bool Overwrite { get; init; }

    /// <summary>Campaign budget in money; null for 1 per customer. <value>The default value is null.</value></summary>
    internal double? Budget { get; init; }

    /// <summary>Segments (k-means k), 2 to 8. <value>The default value is 4.</value></summary>
    internal int Segments { get; init; } = 4;

    /// <summary>Bandit rounds simulated, 1 to 1,000. <value>The default value is 30.</value></summary>
    internal int Rounds { get; init; } = 30;

    /// <summary>The budget in force.</summary>
    internal double EffectiveBudget => Budget ?? Customers;

    /// <summary>Checks every setting and reports all problems at once, each naming its option.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid.</exception>
    internal void Validate()
    {
        var errors = new List<string>();
        if (Customers is < 100 or > 10_000_000)
        {
            errors.Add($"--customers: must be between 100 and 10,000,000 (was {Customers}).");
        }

        if (StorePath is not null && string.IsNullOrWhiteSpace(StorePath))
        {
            errors.Add("--store: the SQLite path is empty.");
        }

        if (string.IsNullOrWhiteSpace(ReportPath))
        {
            errors.Add("--report: the path is empty.");
        }

        if (Budget is { } budget && !(double.IsFinite(budget) && budget >= 0))
        {
            errors.Add($"--budget: must be a finite amount ≥ 0 (was {budget}).");
        }

        if (Segments is < 2 or > 8)
        {
            errors.Add($"--segments: must be between 2 and 8 (was {Segments}).");
        }

        if (Rounds is < 1 or > 1000)
        {
            errors.Add($"--rounds: must be between 1 and 1,000 (was {Rounds}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }
    }
}
