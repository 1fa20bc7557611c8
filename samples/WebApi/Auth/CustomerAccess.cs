using System.Security.Claims;

namespace Loyalty.Samples.WebApi.Auth;

/// <summary>Who may act for which customer: an operator for anyone, a customer only for themselves.</summary>
internal static class CustomerAccess
{
    /// <summary>The claim holding the one customer id a customer principal may act for.</summary>
    public const string CustomerIdClaim = "loyalty:customer_id";

    /// <summary>The route parameter the <see cref="Policies.CustomerSelfOrOperator"/> policy checks.</summary>
    public const string RouteParameter = "customerId";

    public static bool MayActFor(ClaimsPrincipal user, string? customerId)
    {
        if (user.IsInRole(Roles.Operator))
        {
            return true;
        }

        return customerId is not null
            && user.IsInRole(Roles.Customer)
            && string.Equals(user.FindFirstValue(CustomerIdClaim), customerId, StringComparison.Ordinal);
    }
}
