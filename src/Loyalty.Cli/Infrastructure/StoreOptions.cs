using System.CommandLine;
using Loyalty.Core.Storage;
using Loyalty.Core.Storage.PostgreSql;
using Loyalty.Core.Storage.Sqlite;

namespace Loyalty.Cli.Infrastructure;

/// <summary>
/// <c>--store sqlite:PATH|postgres:CONNECTION</c> and the pseudonymisation key, shared by every command that reads
/// or writes a store. The key comes from an environment variable (never from the command line, where it would
/// land in shell history). Without <c>--key-env</c> and with the default variable unset, customer ids are stored in
/// clear (and a store created with a key refuses to open without it); a variable named by <c>--key-env</c> that is
/// unset or empty is an error, never a silent fall-back to ids in clear.
/// </summary>
internal sealed class StoreOptions
{
    internal const string DefaultKeyVariable = "LOYALTY_STORE_KEY";

    private readonly Option<string?> _store;
    private readonly Option<string> _keyEnv = new("--key-env")
    {
        Description = $"Environment variable holding the pseudonymisation key (base64 or hex, 32–64 bytes). Default {DefaultKeyVariable}.",
        DefaultValueFactory = _ => DefaultKeyVariable,
    };

    internal StoreOptions(bool required) =>
        _store = new Option<string?>("--store") { Description = "sqlite:PATH or postgres:CONNECTION-STRING.", Required = required };

    internal void AddTo(Command command)
    {
        command.Options.Add(_store);
        command.Options.Add(_keyEnv);
    }

    /// <summary>True when <c>--store</c> was given.</summary>
    internal bool IsGiven(ParseResult parse) => parse.GetValue(_store) is not null;

    /// <summary>Opens the store named by <c>--store</c>.</summary>
    /// <exception cref="UserInputException">The location or key is invalid; the message names the option.</exception>
    internal async Task<RelationalLoyaltyStore> OpenAsync(ParseResult parse, int? batchSize, CancellationToken cancellationToken)
    {
        string location = parse.GetValue(_store) ?? throw new UserInputException("--store: required.");
        var options = new LoyaltyStoreOptions { Pseudonymizer = Pseudonymizer(parse), BatchSize = batchSize ?? 50_000 };
        int colon = location.IndexOf(':', StringComparison.Ordinal);
        string kind = colon > 0 ? location[..colon] : string.Empty;
        string target = colon > 0 ? location[(colon + 1)..] : string.Empty;
        if (target.Length == 0)
        {
            throw new UserInputException($"--store: '{location}' is not sqlite:PATH or postgres:CONNECTION-STRING.");
        }

        return kind switch
        {
            "sqlite" => await SqliteLoyaltyStore.OpenAsync(target, options, cancellationToken).ConfigureAwait(false),
            "postgres" => await OpenPostgresAsync(target, options, cancellationToken).ConfigureAwait(false),
            _ => throw new UserInputException($"--store: unknown store '{kind}'; use sqlite:PATH or postgres:CONNECTION-STRING."),
        };
    }

    private CustomerPseudonymizer Pseudonymizer(ParseResult parse)
    {
        string variable = parse.GetValue(_keyEnv)!;
        bool named = parse.GetResult(_keyEnv) is { Implicit: false };
        if (named && string.IsNullOrWhiteSpace(variable))
        {
            throw new UserInputException("--key-env: the name of an environment variable is required.");
        }

        string? text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            // Asking for a key and getting none must fail: falling back to ids in clear would store personal ids.
            return named || text is not null
                ? throw new UserInputException($"--key-env: the environment variable ${variable} is {(text is null ? "not set" : "empty")}; set it to the pseudonymisation key (base64 or hex, 32–64 bytes), or leave out --key-env to store ids in clear.")
                : CustomerPseudonymizer.None;
        }

        try
        {
            return CustomerPseudonymizer.FromKeyText(text);
        }
        catch (ArgumentException ex)
        {
            throw new UserInputException($"--key-env: the key in ${variable} is unusable: {ex.Message.Replace(" (Parameter 'key')", "", StringComparison.Ordinal).Replace(" (Parameter 'keyText')", "", StringComparison.Ordinal)}");
        }
    }

    private static async Task<RelationalLoyaltyStore> OpenPostgresAsync(string connectionString, LoyaltyStoreOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await PostgresLoyaltyStore.OpenAsync(connectionString, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex) when (ex.ParamName == "connectionString")
        {
            throw new UserInputException($"--store: {ex.Message.Replace(" (Parameter 'connectionString')", "", StringComparison.Ordinal)}");
        }
    }
}
