namespace Loyalty.Core.Recommendation;

/// <summary>The factor rows SGD trains, with the biases moved into the rows' padding: a user row is
/// [p_u, b_u, 1, 0…] and an item row [q_i, 1, b_i, 0…], so one dot product gives p_u·q_i + b_u + b_i and one fused
/// pass updates factors and biases together (<see cref="BiasedSgdKernel"/>).</summary>
/// <remarks>Why: separate bias arrays cost two more cache lines per rating, and with several threads neighbouring
/// biases sit in blocks run by different threads, so their writes false-share lines. Inside the row a bias belongs to
/// exactly the block that owns the row. The layout lives only while training: <see cref="CopyTo"/> writes the usual
/// model (factors with zero padding plus bias arrays) back.</remarks>
internal sealed class AugmentedFactors
{
    /// <summary>The two cells after the factors: a bias and a constant 1.</summary>
    internal const int ReservedCells = 2;

    private readonly int[]? _userLabel;
    private readonly int[]? _itemLabel;

    private AugmentedFactors(FactorMatrix users, FactorMatrix items, float mean, int[]? userLabel, int[]? itemLabel)
    {
        Users = users;
        Items = items;
        Mean = mean;
        _userLabel = userLabel;
        _itemLabel = itemLabel;
    }

    internal FactorMatrix Users { get; }

    internal FactorMatrix Items { get; }

    internal float Mean { get; }

    /// <summary>k: index of b_u in a user row and of the constant 1 in an item row; k + 1 holds the 1 in a user row
    /// and b_i in an item row.</summary>
    internal int Factors => Users.Columns;

    internal int Stride => Users.Stride;

    /// <summary>Copies <paramref name="model"/> into the augmented layout, user u into row
    /// <paramref name="userLabel"/>[u] and item i into row <paramref name="itemLabel"/>[i] (null: same index), the
    /// row order of <see cref="BlockedRatings"/>.</summary>
    internal static AugmentedFactors From(BiasedFactors model, int[]? userLabel = null, int[]? itemLabel = null)
    {
        int k = model.Users.Columns;
        var users = new FactorMatrix(model.Users.Rows, k, ReservedCells);
        var items = new FactorMatrix(model.Items.Rows, k, ReservedCells);
        for (int u = 0; u < users.Rows; u++)
        {
            var row = users.Row(Label(userLabel, u));
            model.Users.Logical(u).CopyTo(row);
            row[k] = model.UserBias[u];
            row[k + 1] = 1f;
        }

        for (int i = 0; i < items.Rows; i++)
        {
            var row = items.Row(Label(itemLabel, i));
            model.Items.Logical(i).CopyTo(row);
            row[k] = 1f;
            row[k + 1] = model.ItemBias[i];
        }

        return new AugmentedFactors(users, items, model.Mean, userLabel, itemLabel);
    }

    /// <summary>Writes factors and biases back into <paramref name="model"/> (same shape as when copied).</summary>
    internal void CopyTo(BiasedFactors model)
    {
        int k = Factors;
        for (int u = 0; u < Users.Rows; u++)
        {
            var row = Users.Row(Label(_userLabel, u));
            row[..k].CopyTo(model.Users.Logical(u));
            model.UserBias[u] = row[k];
        }

        for (int i = 0; i < Items.Rows; i++)
        {
            var row = Items.Row(Label(_itemLabel, i));
            row[..k].CopyTo(model.Items.Logical(i));
            model.ItemBias[i] = row[k + 1];
        }
    }

    /// <summary>μ + b_u + b_i + p_u·q_i, unclipped, for the model's (not relabelled) indexes.</summary>
    internal float PredictRaw(int user, int item) =>
        Mean + Numerics.DotKernels.Dot(Users.Row(Label(_userLabel, user)), Items.Row(Label(_itemLabel, item)));

    private static int Label(int[]? labels, int index) => labels is null ? index : labels[index];
}
