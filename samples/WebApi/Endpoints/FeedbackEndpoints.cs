using Loyalty.Core;
using Loyalty.Samples.WebApi.Auth;
using Loyalty.Samples.WebApi.RateLimiting;
using Microsoft.Extensions.Options;

namespace Loyalty.Samples.WebApi.Endpoints;

/// <summary>POST /feedback (operators only): what happened to an offer, as the host's channels observed it. A
/// customer cannot post feedback: claims and redemptions they could forge would skew the campaign's learning.</summary>
internal static class FeedbackEndpoints
{
    public static void MapFeedbackEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/feedback", RecordAsync)
            .RequireAuthorization(Policies.Operator)
            .RequireRateLimiting(WriteRateLimiting.PolicyName);

    private static async Task<IResult> RecordAsync(
        FeedbackRequest request, IFeedbackSink sink, TimeProvider time, IOptions<InputLimits> limits, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        InputRules.Id(errors, "eventId", request.EventId);
        InputRules.Id(errors, "customerId", request.CustomerId);
        if (request.OfferId is not null)
        {
            InputRules.Id(errors, "offerId", request.OfferId, InputRules.MaxOfferIdLength);
        }

        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = [$"kind is required: one of {string.Join(", ", Enum.GetNames<FeedbackKind>())}."];
        }

        if (request.Value is not null)
        {
            InputRules.Amount(errors, "value", request.Value, limits.Value.MaxPurchaseAmount, allowZero: true);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var feedback = new FeedbackEvent(request.EventId!, request.CustomerId!, request.Kind!.Value, time.GetUtcNow().UtcDateTime, request.OfferId, request.Value);
            await sink.RecordAsync(feedback, cancellationToken);
            return TypedResults.Accepted((string?)null);
        }
        catch (ArgumentException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The feedback does not fit the issued offers.",
                detail: "The offer id must be one the campaign issued to this customer, and an event id may not be reused for another offer.");
        }
    }
}

/// <summary>The body of POST /feedback. Everything is nullable so a missing field is a validation problem that
/// names it, not a generic binding failure.</summary>
internal sealed record FeedbackRequest(string? EventId, string? CustomerId, FeedbackKind? Kind, string? OfferId, decimal? Value);
