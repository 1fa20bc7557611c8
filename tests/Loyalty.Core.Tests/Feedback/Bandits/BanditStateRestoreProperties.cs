using FsCheck.Fluent;
using Loyalty.Core.Feedback.Bandits;
using Loyalty.Core.Tests.Persistence;

namespace Loyalty.Core.Tests.Feedback.Bandits;

/// <summary>Restoring bandit state is total: for any text, <see cref="BanditPolicy.Restore"/> returns a policy that
/// chooses without throwing, or throws the documented <see cref="FormatException"/> with a short, printable
/// message — never NullReference, Overflow, IndexOutOfRange or another type. Inputs are damaged copies of states
/// saved by every policy (with statistics and pending decisions), 10,000 per run, from a fixed seed.</summary>
public sealed class BanditStateRestoreProperties
{
    private static readonly string[] Arms = ["a", "b", "c"];

    private static readonly double[] Features = [0.5, -1];

    private static readonly Lazy<string[]> SavedStates = new(() => [.. Policies().Select(Save)]);

    [Fact]
    public void Restore_DamagedState_PolicyThatChoosesOrFormatException()
    {
        var cases = FsCheck.Fluent.Gen.Zip(
                FsCheck.Fluent.Gen.Choose(0, BanditStateMutations.Kinds - 1),
                FsCheck.Fluent.Gen.Choose(0, int.MaxValue))
            .ToArbitrary();
        FsCheck.Check.One(ByteMutations.Seeded(10_000, seed: 1515), Prop.ForAll(cases, c =>
        {
            var states = SavedStates.Value;
            string valid = states[c.Item2 % states.Length];
            return RestoresOrRefuses(BanditStateMutations.Apply(valid, c.Item1, c.Item2), lateClock: c.Item2 % 2 == 0);
        }));
    }

    [Fact]
    public void Restore_SavedStates_EveryPolicyRoundTrips()
    {
        foreach (string state in SavedStates.Value)
        {
            Assert.True(RestoresOrRefuses(state, lateClock: false));
            Assert.Equal(state, BanditPolicy.Restore(state, timeProvider: new ManualClock()).SaveState());
        }
    }

    /// <summary>True when the text restores to a policy that can choose (after expiring its pending decisions when
    /// <paramref name="lateClock"/>) or is refused with a good <see cref="FormatException"/>; any other exception
    /// escapes, so FsCheck prints it with its case.</summary>
    private static bool RestoresOrRefuses(string json, bool lateClock)
    {
        var clock = new ManualClock();
        if (lateClock)
        {
            clock.Advance(TimeSpan.FromDays(30)); // past every wait window: Choose learns the pending decisions first
        }

        BanditPolicy policy;
        try
        {
            policy = BanditPolicy.Restore(json, timeProvider: clock);
        }
        catch (FormatException ex)
        {
            return ModelFileLoadProperties.IsGoodMessage(ex.Message) ? true : throw new InvalidOperationException($"Unbounded or unprintable message: {ex.Message}", ex);
        }

        if (policy.Arms.Count == 0)
        {
            return true; // a policy saved with no arms restores with none; Choose documents InvalidOperationException
        }

        var decision = policy.Choose(new BanditContext("s1", Features));
        var p = policy.Probabilities(new BanditContext("s1", Features));
        Assert.All(p.Values, v => Assert.InRange(v, 0, 1));
        Assert.InRange(p.Values.Sum(), 1 - 1e-9, 1 + 1e-9);
        policy.Reward(decision.EventId, 1);
        policy.SaveState();
        return true;
    }

    private static IEnumerable<BanditPolicy> Policies()
    {
        yield return new ThompsonSampling(Arms, timeProvider: new ManualClock());
        yield return new Ucb1(Arms, timeProvider: new ManualClock());
        yield return new EpsilonGreedy(Arms, timeProvider: new ManualClock());
        yield return new LinUcb(Arms, timeProvider: new ManualClock());
        yield return new UniformRandomPolicy(Arms, timeProvider: new ManualClock());
    }

    /// <summary>A state with learned statistics in two segments and two decisions still pending.</summary>
    private static string Save(BanditPolicy policy)
    {
        for (int i = 0; i < 6; i++)
        {
            var decision = policy.Choose(new BanditContext(i % 2 == 0 ? "s1" : "s2", Features));
            policy.Reward(decision.EventId, i % 3 == 0 ? 1 : 0);
        }

        policy.Choose(new BanditContext("s1", Features));
        policy.Choose(new BanditContext("s2", Features));
        return policy.SaveState();
    }
}
