namespace Loyalty.Core.Recommendation.Evaluation;

/// <summary>A small exhaustive search: evaluates each candidate setting on the same splits and keeps the lowest mean
/// RMSE (ties: the earlier candidate).</summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class GridSearch
{
    /// <summary>Evaluates every candidate; returns them with their reports, best first.</summary>
    public static IReadOnlyList<(TOptions Options, EvaluationReport Report)> Run<TOptions>(
        IEnumerable<TOptions> candidates,
        Func<TOptions, IRecommender> create,
        IReadOnlyList<RatingSplit> splits,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(create);
        var results = new List<(TOptions Options, EvaluationReport Report)>();
        foreach (var options in candidates)
        {
            results.Add((options, CrossValidation.Run(create(options), splits, cancellationToken: cancellationToken)));
        }

        if (results.Count == 0)
        {
            throw new ArgumentException("At least one candidate is needed.", nameof(candidates));
        }

        return [.. results.Select((r, i) => (r, i)).OrderBy(x => x.r.Report.Rmse).ThenBy(x => x.i).Select(x => x.r)];
    }
}
