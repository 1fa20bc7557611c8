using Loyalty.Core;
using Loyalty.Core.Rewards;
using Loyalty.Samples.WebApi.Auth;
using Loyalty.Samples.WebApi.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Loyalty.Samples.WebApi.Endpoints;

/// <summary>
/// The points ledger. Purchases are credited by operators only (the host's checkout knows what was paid); a customer
/// reads their own balance and redeems their own points; an operator may do both for anyone. Every write carries an
/// event id, so a retried request changes nothing.
/// </summary>
internal static class PointsEndpoints
{
    public static void MapPointsEndpoints(this IEndpointRouteBuilder app)
    {
        var points = app.MapGroup("/points/{customerId}");
        points.MapGet("/", GetBalance).RequireAuthorization(Policies.CustomerSelfOrOperator);
        points.MapPost("/purchases", CreditPurchase).RequireAuthorization(Policies.Operator).RequireRateLimiting(WriteRateLimiting.PolicyName);
        points.MapPost("/redemptions", Redeem).RequireAuthorization(Policies.CustomerSelfOrOperator).RequireRateLimiting(WriteRateLimiting.PolicyName);
    }

    private static IResult GetBalance(string customerId, PointsLedger ledger, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        InputRules.Id(errors, nameof(customerId), customerId);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(ledger.Balance(customerId, time.GetUtcNow().UtcDateTime));
    }

    private static IResult CreditPurchase(string customerId, PurchaseRequest request, PointsLedger ledger, TimeProvider time, IOptions<InputLimits> limits)
    {
        var errors = new Dictionary<string, string[]>();
        InputRules.Id(errors, nameof(customerId), customerId);
        InputRules.Id(errors, "eventId", request.EventId);
        InputRules.Amount(errors, "amount", request.Amount, limits.Value.MaxPurchaseAmount);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            var posting = ledger.EarnForPurchase(request.EventId!, customerId, request.Amount!.Value, now);
            return TypedResults.Ok(new { earned = posting?.Points ?? 0, balance = ledger.Balance(customerId, now) });
        }
        catch (ArgumentException)
        {
            return LedgerRefused();
        }
    }

    private static IResult Redeem(string customerId, RedeemRequest request, PointsLedger ledger, TimeProvider time, IOptions<InputLimits> limits)
    {
        var errors = new Dictionary<string, string[]>();
        InputRules.Id(errors, nameof(customerId), customerId);
        InputRules.Id(errors, "eventId", request.EventId);
        InputRules.Points(errors, "points", request.Points, limits.Value.MaxRedeemPoints);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            var posting = ledger.Redeem(request.EventId!, customerId, request.Points!.Value, now);
            return TypedResults.Ok(new { redeemed = posting.Points, balance = ledger.Balance(customerId, now) });
        }
        catch (InsufficientPointsException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not enough spendable points.",
                detail: "Earned points become spendable after the return window; nothing was redeemed.");
        }
        catch (ArgumentException)
        {
            return LedgerRefused();
        }
    }

    // The ledger's own message may name ids; the client gets the rule, the event id tells it which request.
    private static ProblemHttpResult LedgerRefused() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The ledger refused the command.",
            detail: "The event id was already used for a different command, the command is dated before the account's last one, or a ledger limit was reached.");
}

/// <summary>The body of POST /points/{customerId}/purchases.</summary>
internal sealed record PurchaseRequest(string? EventId, decimal? Amount);

/// <summary>The body of POST /points/{customerId}/redemptions.</summary>
internal sealed record RedeemRequest(string? EventId, long? Points);
