namespace Loyalty.Core;

/// <summary>Durable segment assignments, one set per segmentation run.</summary>
/// <remarks>Thread safety: implementations state their guarantees; the SQLite and PostgreSQL stores are safe for concurrent use.</remarks>
public interface ISegmentAssignmentStore
{
    /// <summary>Replaces the assignments of the run <paramref name="runId"/> atomically.</summary>
    Task SaveAssignmentsAsync(string runId, IEnumerable<SegmentAssignment> assignments, CancellationToken cancellationToken = default);

    /// <summary>Streams the run's assignments, ordered by stored customer id.</summary>
    IAsyncEnumerable<SegmentAssignment> ReadAssignmentsAsync(string runId, CancellationToken cancellationToken = default);
}
