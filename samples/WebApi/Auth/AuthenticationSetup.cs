using Loyalty.Samples.WebApi.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Loyalty.Samples.WebApi.Auth;

/// <summary>Registers API-key authentication and the policies.</summary>
internal static class AuthenticationSetup
{
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services, IConfiguration section)
    {
        services.AddValidatedOptions<ApiKeyOptions>(section);
        services.AddSingleton<ApiKeyVerifier>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            // Closed by default: an endpoint added later without a policy still needs a valid key.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Operator, p => p.RequireRole(Roles.Operator))
            .AddPolicy(Policies.CustomerSelfOrOperator, p => p.RequireAuthenticatedUser().RequireAssertion(context =>
                // With endpoint routing the resource is the request's HttpContext, which carries the route values.
                context.Resource is HttpContext http
                && CustomerAccess.MayActFor(context.User, http.GetRouteValue(CustomerAccess.RouteParameter) as string)));
        return services;
    }
}
