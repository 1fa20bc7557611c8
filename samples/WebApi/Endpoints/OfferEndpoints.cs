using Loyalty.Core;
using Loyalty.Core.Hosting;
using Loyalty.Samples.WebApi.Auth;

namespace Loyalty.Samples.WebApi.Endpoints;

/// <summary>GET /offers/{customerId}: the customer's offer in the last campaign, with its explanation. A customer
/// reads only their own; an operator reads any.</summary>
internal static class OfferEndpoints
{
    public static void MapOfferEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/offers/{customerId}", GetOffer).RequireAuthorization(Policies.CustomerSelfOrOperator);

    private static IResult GetOffer(string customerId, LoyaltyCampaignRunner runner)
    {
        var errors = new Dictionary<string, string[]>();
        InputRules.Id(errors, nameof(customerId), customerId);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var plan = runner.Latest?.Plan;
        if (plan is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No campaign has run yet.");
        }

        var offer = plan.Offers.FirstOrDefault(o => o.CustomerId.Value == customerId);
        if (offer is not null)
        {
            return TypedResults.Ok(new { offer.OfferId, offer.Reward.Description, offer.ExpectedCost, offer.ExpectedUplift, offer.Explanation });
        }

        return plan.NoOffer.TryGetValue(new CustomerId(customerId), out var reason)
            ? TypedResults.Ok(new { offer = (object?)null, reason = reason.ToString() })
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The customer is not in the last campaign.");
    }
}
