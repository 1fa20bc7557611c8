using Loyalty.Core.Features;

namespace Loyalty.Core.Tests.Architecture;

/// <summary>
/// The layers inside Loyalty.Core, read from what each type's signatures and IL actually use: numerics at the
/// bottom, then the collection and feature code, the engines (segmentation, lifetime value, recommendation,
/// feedback, rewards), simulation, and the pipeline that composes them on top. An engine that reached up into the
/// pipeline, or numerics that reached into a model, would tie pieces together that users take one at a time.
/// </summary>
public sealed class NamespaceDependencyTests
{
    /// <summary>For each area (the namespace segment after Loyalty.Core, sub-namespaces folded in) the other areas
    /// of Loyalty.Core it may use. The root namespace and Abstractions are everyone's vocabulary.</summary>
    private static readonly string[] Foundation = ["Numerics", "Validation", "Persistence"];

    private static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        // Foundations every engine may use: kernels and optimisers, the options collector, the model-file format.
        ["Numerics"] = [],
        ["Validation"] = [],
        ["Persistence"] = [],
        ["Collection"] = [.. Foundation],
        ["Features"] = [.. Foundation, "Collection"],
        ["Segmentation"] = [.. Foundation, "Features"],
        ["Lifetime"] = [.. Foundation, "Features"],
        ["Recommendation"] = [.. Foundation, "Collection", "Features"],
        ["Feedback"] = [.. Foundation, "Collection", "Features"],
        ["Rewards"] = [.. Foundation, "Segmentation", "Lifetime", "Feedback"],
        // Erasure coordination over the store and participant contracts of the root namespace; no engine.
        ["Privacy"] = [.. Foundation],
        ["Simulation"] = [.. Foundation, "Features", "Segmentation", "Lifetime", "Rewards", "Feedback"],
        // The program in cycles: the engines over a store; the builder in Pipeline makes it, so it never uses Pipeline.
        ["Programs"] = [.. Foundation, "Collection", "Features", "Segmentation", "Lifetime", "Feedback", "Rewards"],
        ["Pipeline"] = [.. Foundation, "Collection", "Features", "Segmentation", "Lifetime", "Recommendation", "Feedback", "Rewards", "Simulation", "Programs"],
        // Scenario simulation of a whole program over time (hidden ground truth, baselines, the oracle): the top.
        ["Scenarios"] = [.. Foundation, "Collection", "Features", "Segmentation", "Lifetime", "Recommendation", "Feedback", "Rewards", "Simulation", "Programs", "Pipeline"],
    };

    [Fact]
    public void NamespaceReferences_LoyaltyCore_OnlyAllowedAreas()
    {
        var edges = Edges();
        var violations = edges
            .Where(e => !Allowed.TryGetValue(e.From, out var allowed) || !allowed.Contains(e.To))
            .Select(e => $"{e.From} -> {e.To} (e.g. {e.Example})")
            .ToArray();
        Assert.True(violations.Length == 0,
            "Loyalty.Core areas use areas their layer does not allow:" + Environment.NewLine + string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Areas_EveryNamespaceOfLoyaltyCore_HasARule()
    {
        var areas = typeof(RfmBuilder).Assembly.GetTypes().Select(t => AreaOf(t.Namespace)).OfType<string>().Distinct();
        Assert.All(areas, a => Assert.True(Allowed.ContainsKey(a), $"Loyalty.Core.{a} has no rule in {nameof(NamespaceDependencyTests)}."));
    }

    [Fact]
    public void TypeDependencies_MethodBodiesOnly_AreFound()
    {
        // The scanner must see a use that appears in no signature: RfmBuilder's body calls into Collection.
        var used = TypeDependencies.Of(typeof(RfmBuilder)).Select(t => t.Namespace).ToHashSet();
        Assert.Contains("Loyalty.Core.Collection", used);
    }

    private static IReadOnlyList<(string From, string To, string Example)> Edges()
    {
        var assembly = typeof(RfmBuilder).Assembly;
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in assembly.GetTypes())
        {
            if (AreaOf(type.Namespace) is not { } from)
            {
                continue;
            }

            foreach (var used in TypeDependencies.Of(type).Where(t => t.Assembly == assembly))
            {
                if (AreaOf(used.Namespace) is { } to && to != from)
                {
                    edges.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
                }
            }
        }

        return edges.Select(e => (e.Key.Item1, e.Key.Item2, e.Value)).OrderBy(e => e.Item1, StringComparer.Ordinal).ThenBy(e => e.Item2, StringComparer.Ordinal).ToArray();
    }

    /// <summary>"Loyalty.Core.Feedback.Uplift" → "Feedback"; the root namespace (and compiler-generated types
    /// outside any namespace) → null, being shared vocabulary.</summary>
    private static string? AreaOf(string? ns)
    {
        const string Prefix = "Loyalty.Core.";
        if (ns is null || !ns.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string rest = ns[Prefix.Length..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }
}
