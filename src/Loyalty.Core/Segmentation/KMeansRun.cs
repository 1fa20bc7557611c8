namespace Loyalty.Core.Segmentation;

/// <summary>The outcome of one k-means run (one restart).</summary>
internal sealed record KMeansRun(float[] Centroids, ClusterLabels Labels, double Inertia, int Iterations, bool Converged);
