using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Core.SampleTests;

/// <summary>An unhandled exception is a 500 problem with a trace id and nothing of the exception: no message (it may
/// carry a secret), no type, no stack trace.</summary>
public sealed class ErrorHandlingTests
{
    private const string SecretInMessage = "connection string Password=hunter2";

    [Fact]
    public async Task UnhandledException_Returns500ProblemWithoutDetails()
    {
        using var app = new SampleApp(services: s => s.AddSingleton<IFeedbackSink>(new FailingSink()));
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.PostJsonAsync("/feedback", """{"eventId":"f1","customerId":"0006","kind":"Claimed","offerId":"o1"}""");

        var problem = await response.ProblemAsync(HttpStatusCode.InternalServerError);
        Assert.True(problem.TryGetProperty("traceId", out _));
        string body = problem.ToString();
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(FailingSink), body, StringComparison.Ordinal);
    }

    private sealed class FailingSink : IFeedbackSink
    {
        public ValueTask RecordAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException(SecretInMessage);
    }
}
