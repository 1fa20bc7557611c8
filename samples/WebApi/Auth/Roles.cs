namespace Loyalty.Samples.WebApi.Auth;

/// <summary>The two kinds of caller.</summary>
internal static class Roles
{
    /// <summary>The host's back end: runs campaigns, credits purchases, records feedback from its channels; may read
    /// and redeem for any customer (support desk, checkout).</summary>
    public const string Operator = "operator";

    /// <summary>One customer: reads their own offer and balance and redeems their own points, nothing else.</summary>
    public const string Customer = "customer";
}
