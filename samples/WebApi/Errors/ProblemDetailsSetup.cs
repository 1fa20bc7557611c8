using System.Text.Json;

namespace Loyalty.Samples.WebApi.Errors;

/// <summary>Every error is an RFC 7807 problem-details response: validation errors, 401/403/404/413/429 and
/// unhandled exceptions alike. An exception's message never reaches the client (it may carry a path, an id or a
/// secret); the log has it, and the response carries a trace id to find it.</summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddSampleProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                DescribeBadRequest(context.ProblemDetails, bad);
            }
        });

        // Unreadable bodies (bad JSON, a number that is not one) go through the exception handler too, so they get
        // the same problem-details body in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>The exception handler's options: a malformed request keeps its 4xx status; anything else is a 500.</summary>
    public static ExceptionHandlerOptions ExceptionHandlerOptions() => new()
    {
        StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        // A client's malformed body is the client's error, not the server's: no error-level log with a stack trace.
        SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
    };

    private static void DescribeBadRequest(Microsoft.AspNetCore.Mvc.ProblemDetails problem, BadHttpRequestException bad)
    {
        // A JSON error names the field by its path ("$.amount"); the field is reported the way validation problems
        // report theirs, and the value itself is not echoed.
        if (bad.InnerException is JsonException { Path: { Length: > 0 } path })
        {
            string field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            problem.Title = "One or more validation errors occurred.";
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [$"{field} is not a valid value of its type."] };
        }
        else
        {
            problem.Title = "The request could not be read.";
            problem.Detail = "Send a JSON body of the documented shape with content-type application/json.";
        }
    }
}
