using System.Text.Json;
using System.Text.Json.Serialization;
using Loyalty.Core.Persistence;

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

    /// <summary>The state in <paramref name="json"/>, checked whole: every structural problem (malformed JSON,
    /// text that is not valid UTF-16, missing or null parts, blank or repeated arms and event ids, unknown arms,
    /// negative counters, non-finite features) is a <see cref="FormatException"/> naming the part, with any quoted
    /// text escaped and bounded.</summary>
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
            throw Invalid($"not valid JSON: {ModelFileText.Excerpt(ModelFileText.OneLine(ex.Message))}", ex);
        }
        catch (ArgumentException ex)
        {
            // Lone surrogates: the text cannot be transcoded to UTF-8 for the reader.
            throw Invalid($"not valid text ({ModelFileText.Excerpt(ModelFileText.OneLine(ex.Message))})", ex);
        }

        if (state is null)
        {
            throw Invalid("empty");
        }

        if (state.Version != CurrentVersion)
        {
            throw Invalid($"version {state.Version} is not supported (expected {CurrentVersion})");
        }

        Check(state);
        return state;
    }

    private static void Check(BanditState state)
    {
        if (state.ModelVersion < 0 || state.NextEvent < 0 || state.NextEvent == long.MaxValue)
        {
            throw Invalid($"'modelVersion' ({state.ModelVersion}) and 'nextEvent' ({state.NextEvent}) must be 0 or more (and below {long.MaxValue})");
        }

        var arms = state.Arms ?? throw Invalid("'arms' is missing");
        var statistics = state.Statistics ?? throw Invalid("'statistics' is missing");
        var pending = state.Pending ?? throw Invalid("'pending' is missing");
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (string arm in arms)
        {
            if (string.IsNullOrWhiteSpace(arm))
            {
                throw Invalid("an arm in 'arms' is blank");
            }

            if (!known.Add(arm))
            {
                throw Invalid($"arm {ModelFileText.Excerpt(arm)} appears twice in 'arms'");
            }
        }

        foreach (var (segment, byArm) in statistics)
        {
            foreach (var (arm, values) in byArm ?? throw Invalid($"'statistics' of segment {ModelFileText.Excerpt(segment)} is null"))
            {
                CheckKnown(known, arm, "statistics");
                if (values is null)
                {
                    throw Invalid($"'statistics' of arm {ModelFileText.Excerpt(arm)} in segment {ModelFileText.Excerpt(segment)} is null");
                }
            }
        }

        var eventIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in pending)
        {
            if (p is null || p.EventId is null || p.ArmId is null || p.Segment is null)
            {
                throw Invalid("a decision in 'pending' lacks its eventId, armId or segment");
            }

            if (!eventIds.Add(p.EventId))
            {
                throw Invalid($"event id {ModelFileText.Excerpt(p.EventId)} appears twice in 'pending'");
            }

            CheckKnown(known, p.ArmId, "pending");
            if (p.Features is not null && p.Features.Any(f => !double.IsFinite(f)))
            {
                throw Invalid($"the features of pending decision {ModelFileText.Excerpt(p.EventId)} must be finite numbers");
            }
        }
    }

    private static void CheckKnown(HashSet<string> known, string arm, string part)
    {
        if (!known.Contains(arm))
        {
            throw Invalid($"'{part}' refers to unknown arm {ModelFileText.Excerpt(arm)}");
        }
    }

    private static FormatException Invalid(string problem, Exception? inner = null) => new($"Bandit state: {problem}.", inner);
}

/// <summary>A decision waiting for its reward, as saved.</summary>
internal sealed record PendingState(string EventId, string ArmId, string Segment, double[]? Features, DateTimeOffset Timestamp);
