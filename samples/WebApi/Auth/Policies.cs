namespace Loyalty.Samples.WebApi.Auth;

/// <summary>The authorisation policies the endpoints name.</summary>
internal static class Policies
{
    /// <summary>Operators only: campaigns, purchase credits, feedback.</summary>
    public const string Operator = "operator";

    /// <summary>The customer named by the route's <c>{customerId}</c>, or an operator; another customer gets 403.</summary>
    public const string CustomerSelfOrOperator = "customer-self-or-operator";
}
