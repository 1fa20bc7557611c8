namespace Loyalty.Core.Recommendation;

/// <summary>The order in which <see cref="MatrixFactorizationRecommender"/> visits the ratings in each epoch.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum SgdSchedule
{
    /// <summary>Surprise's order (<c>trainset.all_ratings()</c>): users in order of first appearance in the input,
    /// each user's ratings in input order, the same order every epoch, on one thread. With the default options this
    /// is Surprise's SVD step for step (in float32, from a different random draw).</summary>
    Sequential = 0,

    /// <summary>LIBMF's FPSGD: users and items relabelled at random and cut into a grid of blocks; blocks sharing no
    /// row or column run concurrently without locks, the order of the block diagonals reshuffled each epoch. Needed
    /// for <see cref="MatrixFactorizationOptions.Threads"/> &gt; 1; identical results for 1–4 threads.</summary>
    Blocked = 1,
}
