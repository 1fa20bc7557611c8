namespace Loyalty.Core.Recommendation;

/// <summary>Per-cell constants of the augmented SGD step (<see cref="BiasedSgdKernel"/>) for one learning rate:
/// p ← s_p ⊙ p + γe·(m_p ⊙ q) and q ← s_q ⊙ q + γe·(m_q ⊙ p). On factor cells s = 1 − γλ and m = 1 (Surprise's
/// factor rule); on a bias cell s = 1 − γλ_b and m = 1, which against the constant 1 in the other row is
/// b += γ(e − λ_b b); on a constant-1 cell s = 1 and m = 0, so it stays 1. Without biases the bias cells get s = 1,
/// m = 0 and stay 0.</summary>
internal sealed class SgdLanes
{
    internal SgdLanes(int factors, int stride, float learningRate, float regularization, float biasRegularization, bool useBiases)
    {
        Factors = factors;
        Shrink = 1f - (learningRate * regularization);
        ShrinkP = new float[stride];
        GainP = new float[stride];
        ShrinkQ = new float[stride];
        GainQ = new float[stride];
        for (int c = 0; c < stride; c++)
        {
            // Zero padding: any shrink keeps a zero at zero and a zero gain adds nothing.
            bool factor = c < factors;
            ShrinkP[c] = ShrinkQ[c] = factor ? Shrink : 1f;
            GainP[c] = GainQ[c] = factor ? 1f : 0f;
        }

        if (stride >= factors + AugmentedFactors.ReservedCells)
        {
            float biasShrink = useBiases ? 1f - (learningRate * biasRegularization) : 1f;
            float biasGain = useBiases ? 1f : 0f;
            ShrinkP[factors] = biasShrink; // b_u, stepped against the 1 in the item row
            GainP[factors] = biasGain;
            ShrinkQ[factors + 1] = biasShrink; // b_i, stepped against the 1 in the user row
            GainQ[factors + 1] = biasGain;
        }

        LearningRate = learningRate;
    }

    /// <summary>k: cells below it are factors.</summary>
    internal int Factors { get; }

    internal float LearningRate { get; }

    /// <summary>1 − γλ, the factor cells' shrink.</summary>
    internal float Shrink { get; }

    internal float[] ShrinkP { get; }

    internal float[] GainP { get; }

    internal float[] ShrinkQ { get; }

    internal float[] GainQ { get; }
}
