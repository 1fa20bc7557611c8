namespace Loyalty.Core.Segmentation;

/// <summary>Reported after every iteration of a k-means fit.</summary>
/// <param name="Run">Restart number, 0 to NInit − 1.</param>
/// <param name="Iteration">Iterations done in this run, from 1.</param>
/// <param name="LabelsChanged">Points that changed cluster in this iteration.</param>
/// <param name="CentroidShift">Summed squared centroid movement of this iteration.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct KMeansProgress(int Run, int Iteration, int LabelsChanged, double CentroidShift);
