using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loyalty.Core.Feedback.Bandits;

/// <summary>The saved form of a bandit policy (JSON, camelCase, with a format version).</summary>
internal sealed record BanditState
{
    internal const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public int Version { get; init; }

    public string Policy { get; init; } = string.Empty;

    public long ModelVersion { get; init; }

    public long NextEvent { get; init; }

    public string[] Arms { get; init; } = [];

    /// <summary>Segment → arm → the policy's numbers for that arm (counts, sums; LinUCB: A⁻¹ and b).</summary>
    public Dictionary<string, Dictionary<string, double[]>> Statistics { get; init; } = [];

    public PendingState[] Pending { get; init; } = [];

    internal static string Serialize(BanditState state) => JsonSerializer.Serialize(state, JsonOptions);

    internal static BanditState Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        BanditState? state;
        try
        {
            state = JsonSerializer.Deserialize<BanditState>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Bandit state is not valid JSON: {ex.Message}", ex);
        }

        if (state is null)
        {
            throw new FormatException("Bandit state is empty.");
        }

        if (state.Version != CurrentVersion)
        {
            throw new FormatException($"Bandit state version {state.Version} is not supported (expected {CurrentVersion}).");
        }

        var unknown = state.Statistics.Values.SelectMany(a => a.Keys).Concat(state.Pending.Select(p => p.ArmId))
            .Where(a => !state.Arms.Contains(a, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException($"Bandit state refers to unknown arm(s): {string.Join(", ", unknown)}.");
        }

        return state;
    }
}

/// <summary>A decision waiting for its reward, as saved.</summary>
internal sealed record PendingState(string EventId, string ArmId, string Segment, double[]? Features, DateTimeOffset Timestamp);
