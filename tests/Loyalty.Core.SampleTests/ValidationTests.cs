using System.Net;

namespace Loyalty.Core.SampleTests;

/// <summary>Ids, amounts, points and kinds are checked before anything reaches the library; every failure is a 400
/// validation problem naming the field.</summary>
public sealed class ValidationTests
{
    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("NaN")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("100000.01")] // just above Limits:MaxPurchaseAmount
    [InlineData("1e20")]
    [InlineData("1e30")] // beyond decimal
    [InlineData("9223372036854775808")]
    [InlineData("1.234")] // more than cents
    [InlineData("\"12,50\"")]
    [InlineData("true")]
    [InlineData("null")]
    public async Task Purchase_BadAmount_Returns400ValidationProblem(string amount)
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.PostJsonAsync("/points/0006/purchases", $$"""{"eventId":"p1","amount":{{amount}}}""");

        await response.ValidationProblemAsync("amount");
        // Nothing was credited.
        var balance = await (await client.GetAsync("/points/0006")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0m, balance.GetProperty("pending").GetDecimal());
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("\"a b\"")]
    [InlineData("\"../p1\"")]
    [InlineData("\"p1\\u0000\"")]
    [InlineData("\"p\u00e9\"")]
    [InlineData("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"")] // 65 characters
    [InlineData("null")]
    [InlineData("17")]
    public async Task Purchase_BadEventId_Returns400ValidationProblem(string eventId)
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.PostJsonAsync("/points/0006/purchases", $$"""{"eventId":{{eventId}},"amount":10}""");

        await response.ValidationProblemAsync("eventId");
    }

    [Theory]
    [InlineData("a%20b")]
    [InlineData("%C3%A9")]
    [InlineData("-lead")]
    public async Task Balance_BadCustomerId_Returns400ValidationProblem(string customerId)
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.GetAsync($"/points/{customerId}");

        await response.ValidationProblemAsync("customerId");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1000001")] // above Limits:MaxRedeemPoints
    [InlineData("1.5")]
    [InlineData("\"NaN\"")]
    [InlineData("9223372036854775808")]
    public async Task Redeem_BadPoints_Returns400ValidationProblem(string points)
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.CustomerKey);

        var response = await client.PostJsonAsync("/points/0006/redemptions", $$"""{"eventId":"r1","points":{{points}}}""");

        await response.ValidationProblemAsync("points");
    }

    [Theory]
    [InlineData("""{"eventId":"f1","customerId":"0006","offerId":"o1"}""", "kind")]
    [InlineData("""{"eventId":"f1","customerId":"0006","kind":"Liked","offerId":"o1"}""", "kind")]
    [InlineData("""{"eventId":"f1","customerId":"0006","kind":2,"offerId":"o1"}""", "kind")]
    [InlineData("""{"eventId":"f1","customerId":"0006","kind":"Redeemed","offerId":"o1","value":-3}""", "value")]
    [InlineData("""{"eventId":"f1","customerId":"0006","kind":"Redeemed","offerId":"o1","value":"NaN"}""", "value")]
    [InlineData("""{"eventId":"f1","customerId":"0006","kind":"Claimed","offerId":"a/b"}""", "offerId")]
    [InlineData("""{"eventId":"f1","kind":"Claimed","offerId":"o1"}""", "customerId")]
    [InlineData("""{"customerId":"0006","kind":"Claimed","offerId":"o1"}""", "eventId")]
    public async Task Feedback_BadField_Returns400ValidationProblem(string body, string field)
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.PostJsonAsync("/feedback", body);

        await response.ValidationProblemAsync(field);
    }

    [Fact]
    public async Task Feedback_ForAnOfferNeverIssued_Returns422Problem()
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.PostJsonAsync("/feedback", """{"eventId":"f1","customerId":"0006","kind":"Claimed","offerId":"spring:0006:forged"}""");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1,2]")]
    public async Task Purchase_UnreadableBody_Returns400Problem(string body)
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.PostJsonAsync("/points/0006/purchases", body);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Purchase_SameEventIdForAnotherAmount_Returns409Problem()
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.OperatorKey);
        await (await client.PurchaseAsync("0006", "p1", 10m)).JsonAsync(HttpStatusCode.OK);

        var response = await client.PurchaseAsync("0006", "p1", 20m);

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }
}
