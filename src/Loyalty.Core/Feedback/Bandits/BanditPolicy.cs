namespace Loyalty.Core.Feedback.Bandits;

/// <summary>
/// A multi-armed bandit choosing among arms (reward ids): <see cref="Choose"/> draws an arm from an explicit action
/// distribution and logs it; <see cref="Reward"/> feeds the outcome back by event id.
/// </summary>
/// <remarks>
/// <para>Delayed rewards: a decision waits up to <see cref="BanditOptions.WaitWindow"/> for its reward; when the
/// window has passed (checked on every call, or explicitly with <see cref="ExpirePending"/>) the policy learns
/// <see cref="BanditOptions.DefaultReward"/> instead and forgets the event id.</para>
/// <para>Named errors: a reward for an unknown (or already settled) event id, an update for an unknown arm, and
/// adding an arm twice throw <see cref="ArgumentException"/>. Removing an arm drops its pending decisions.</para>
/// <para>Not thread-safe: one policy instance per thread, or lock around it.</para>
/// </remarks>
public abstract class BanditPolicy
{
    private readonly List<string> _arms;
    private readonly Dictionary<string, PendingDecision> _pending = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly Random _random;
    private long _nextEvent;
    private DateTimeOffset _oldestPending = DateTimeOffset.MaxValue; // a lower bound: lets most calls skip the scan

    private protected BanditPolicy(IEnumerable<string> arms, BanditOptions? options, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(arms);
        Options = options ?? new BanditOptions();
        Options.Validate();
        _arms = [];
        foreach (var arm in arms)
        {
            AddArmCore(arm);
        }

        _time = timeProvider ?? TimeProvider.System;
        _random = new Random(Options.Seed);
    }

    /// <summary>The policy's name ("thompson", "epsilon-greedy", "ucb1", "linucb", "random").</summary>
    public abstract string Name { get; }

    /// <summary>The settings.</summary>
    public BanditOptions Options { get; }

    /// <summary>The arms, in the order they were added.</summary>
    public IReadOnlyList<string> Arms => _arms;

    /// <summary>Model version: increments with every reward learned, so each decision names the model that made it.</summary>
    public long ModelVersion { get; private set; }

    /// <summary>Decisions still waiting for their reward.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>The action distribution for a context, in the order of <see cref="Arms"/>; sums to 1.</summary>
    /// <param name="context">The context.</param>
    /// <exception cref="InvalidOperationException">The policy has no arms.</exception>
    public IReadOnlyDictionary<string, double> Probabilities(BanditContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        EnsureArms();
        var p = ComputeProbabilities(context);
        var result = new Dictionary<string, double>(_arms.Count, StringComparer.Ordinal);
        for (int i = 0; i < _arms.Count; i++)
        {
            result[_arms[i]] = p[i];
        }

        return result;
    }

    /// <summary>Chooses an arm for <paramref name="context"/> and logs the decision until its reward arrives.</summary>
    /// <param name="context">The context.</param>
    /// <exception cref="InvalidOperationException">The policy has no arms.</exception>
    public BanditDecision Choose(BanditContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ExpirePending();
        EnsureArms();
        double[] p = ComputeProbabilities(context);
        int chosen = Draw(p);
        var probabilities = new Dictionary<string, double>(_arms.Count, StringComparer.Ordinal);
        for (int i = 0; i < _arms.Count; i++)
        {
            probabilities[_arms[i]] = p[i];
        }

        string eventId = Name + "-" + (_nextEvent++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var now = _time.GetUtcNow();
        _pending[eventId] = new PendingDecision(eventId, _arms[chosen], context, now);
        _oldestPending = now < _oldestPending ? now : _oldestPending;
        return new BanditDecision(eventId, _arms[chosen], p[chosen], probabilities, ModelVersion, Name, context, now);
    }

    /// <summary>Feeds back the reward of a logged decision.</summary>
    /// <param name="eventId">The decision's event id.</param>
    /// <param name="reward">The reward (in [0, 1] for Thompson sampling).</param>
    /// <exception cref="ArgumentException">The event id is unknown, already rewarded or expired, or the reward is
    /// out of range.</exception>
    public void Reward(string eventId, double reward)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        CheckReward(reward, nameof(reward));
        ExpirePending();
        if (!_pending.Remove(eventId, out var decision))
        {
            throw new ArgumentException($"Unknown event id '{eventId}': no pending decision (never made, already rewarded, expired or its arm removed).", nameof(eventId));
        }

        LearnCore(decision.Context, decision.ArmId, reward);
    }

    /// <summary>Learns a reward for an arm directly, without a logged decision (warm start from history,
    /// "apprentice" mode following another policy).</summary>
    /// <param name="context">The context the arm was played in.</param>
    /// <param name="armId">The arm.</param>
    /// <param name="reward">The reward.</param>
    /// <exception cref="ArgumentException">The arm is unknown or the reward is out of range.</exception>
    public void Update(BanditContext context, string armId, double reward)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(armId);
        if (!_arms.Contains(armId, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown arm '{armId}'; arms are {string.Join(", ", _arms)}.", nameof(armId));
        }

        CheckReward(reward, nameof(reward));
        LearnCore(context, armId, reward);
    }

    /// <summary>Learns the default reward for every decision whose wait window has passed.</summary>
    /// <returns>How many decisions expired.</returns>
    public int ExpirePending()
    {
        if (_pending.Count == 0)
        {
            return 0;
        }

        var now = _time.GetUtcNow();
        if (now - _oldestPending <= Options.WaitWindow)
        {
            return 0;
        }

        var expired = _pending.Values.Where(d => now - d.Timestamp > Options.WaitWindow).OrderBy(d => d.Timestamp).ThenBy(d => d.EventId, StringComparer.Ordinal).ToList();
        foreach (var decision in expired)
        {
            _pending.Remove(decision.EventId);
            LearnCore(decision.Context, decision.ArmId, Options.DefaultReward);
        }

        _oldestPending = _pending.Count == 0 ? DateTimeOffset.MaxValue : _pending.Values.Min(d => d.Timestamp);
        return expired.Count;
    }

    /// <summary>Adds an arm; it starts from the prior.</summary>
    /// <exception cref="ArgumentException">The id is blank or already an arm.</exception>
    public void AddArm(string armId) => AddArmCore(armId);

    /// <summary>Removes an arm, its statistics and its pending decisions.</summary>
    /// <returns>False when there was no such arm (a no-op).</returns>
    public bool RemoveArm(string armId)
    {
        ArgumentNullException.ThrowIfNull(armId);
        if (!_arms.Remove(armId))
        {
            return false;
        }

        foreach (var id in _pending.Values.Where(d => d.ArmId == armId).Select(d => d.EventId).ToList())
        {
            _pending.Remove(id);
        }

        ForgetArm(armId);
        ModelVersion++;
        return true;
    }

    /// <summary>Saves the policy (arms, statistics, pending decisions, counters) as JSON with a format version.</summary>
    /// <remarks>The random generator's position is not saved: a restored policy reseeds from
    /// <see cref="BanditOptions.Seed"/> mixed with the model version, so it stays deterministic.</remarks>
    public string SaveState() => BanditState.Serialize(new BanditState
    {
        Version = BanditState.CurrentVersion,
        Policy = Name,
        ModelVersion = ModelVersion,
        NextEvent = _nextEvent,
        Arms = [.. _arms],
        Statistics = ExportStatistics(),
        Pending = [.. _pending.Values.OrderBy(d => d.Timestamp).Select(d => new PendingState(d.EventId, d.ArmId, d.Context.Segment, d.Context.Features?.ToArray(), d.Timestamp))],
    });

    /// <summary>Restores a policy saved with <see cref="SaveState"/>.</summary>
    /// <param name="json">The saved state.</param>
    /// <param name="options">Settings (not part of the state; the host keeps them in configuration).</param>
    /// <param name="timeProvider">Clock for wait windows; the system clock when null.</param>
    /// <exception cref="FormatException">The state is damaged: malformed JSON or text, an unknown version or
    /// policy, missing parts, blank or repeated arms, statistics that are negative, non-finite or of the wrong shape,
    /// or pending decisions that cannot be replayed. This is the only exception a damaged state raises (a property
    /// test holds it to that); a state that restores can choose.</exception>
    public static BanditPolicy Restore(string json, BanditOptions? options = null, TimeProvider? timeProvider = null)
    {
        var state = BanditState.Deserialize(json);
        var seeded = (options ?? new BanditOptions()) with { Seed = unchecked((options?.Seed ?? 0) ^ (int)(state.ModelVersion * 7919)) };
        BanditPolicy policy = state.Policy switch
        {
            ThompsonSampling.PolicyName => new ThompsonSampling(state.Arms, seeded, timeProvider),
            EpsilonGreedy.PolicyName => new EpsilonGreedy(state.Arms, seeded, timeProvider),
            Ucb1.PolicyName => new Ucb1(state.Arms, seeded, timeProvider),
            LinUcb.PolicyName => new LinUcb(state.Arms, seeded, timeProvider),
            UniformRandomPolicy.PolicyName => new UniformRandomPolicy(state.Arms, seeded, timeProvider),
            _ => throw new FormatException($"Bandit state: unknown policy '{state.Policy}'."),
        };
        policy.ImportStatistics(state.Statistics);
        policy.ModelVersion = state.ModelVersion;
        policy._nextEvent = state.NextEvent;
        foreach (var p in state.Pending)
        {
            policy.CheckRestoredPending(p.EventId, p.Features);
            policy._pending[p.EventId] = new PendingDecision(p.EventId, p.ArmId, new BanditContext(p.Segment, p.Features), p.Timestamp);
            policy._oldestPending = p.Timestamp < policy._oldestPending ? p.Timestamp : policy._oldestPending;
        }

        return policy;
    }

    private protected abstract double[] ComputeProbabilities(BanditContext context);

    private protected abstract void Learn(BanditContext context, string armId, double reward);

    private protected abstract Dictionary<string, Dictionary<string, double[]>> ExportStatistics();

    private protected abstract void ImportStatistics(Dictionary<string, Dictionary<string, double[]>> statistics);

    private protected abstract void ForgetArm(string armId);

    /// <summary>Refuses (with <see cref="FormatException"/>) a restored pending decision the policy could not learn
    /// from when its reward or expiry arrives; called after the statistics are imported.</summary>
    private protected virtual void CheckRestoredPending(string eventId, IReadOnlyList<double>? features)
    {
        // Most policies learn from the segment and arm alone.
    }

    private protected virtual void CheckReward(double reward, string parameter)
    {
        if (!double.IsFinite(reward))
        {
            throw new ArgumentException($"Reward must be a finite number (was {reward}).", parameter);
        }
    }

    private protected void EnsureArms()
    {
        if (_arms.Count == 0)
        {
            throw new InvalidOperationException($"The {Name} policy has no arms; add one with {nameof(AddArm)}.");
        }
    }

    private void LearnCore(BanditContext context, string armId, double reward)
    {
        Learn(context, armId, reward);
        ModelVersion++;
    }

    private void AddArmCore(string armId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(armId);
        if (_arms.Contains(armId, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Arm '{armId}' already exists.", nameof(armId));
        }

        _arms.Add(armId);
    }

    private int Draw(double[] p)
    {
        double u = _random.NextDouble();
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] <= 0)
            {
                continue;
            }

            last = i;
            cumulative += p[i];
            if (u < cumulative)
            {
                return i;
            }
        }

        return last; // rounding left u just above the total: the last arm with mass
    }

    private sealed record PendingDecision(string EventId, string ArmId, BanditContext Context, DateTimeOffset Timestamp);
}
