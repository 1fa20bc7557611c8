namespace Loyalty.Core.Recommendation;

/// <summary>Reported after each training epoch.</summary>
/// <param name="Epoch">The epoch just finished, from 1.</param>
/// <param name="Epochs">The number of epochs of the fit.</param>
/// <param name="TrainingLoss">The training objective after the epoch: RMSE on the training ratings for explicit
/// models, the mean weighted squared error for implicit ALS.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct TrainingProgress(int Epoch, int Epochs, double TrainingLoss);
