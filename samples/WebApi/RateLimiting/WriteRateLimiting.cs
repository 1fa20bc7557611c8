using System.Globalization;
using System.Threading.RateLimiting;
using Loyalty.Samples.WebApi.Options;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Loyalty.Samples.WebApi.RateLimiting;

/// <summary>A fixed window of writes per authenticated caller; the call past the limit gets 429 with a problem
/// body and Retry-After. Reads are not limited here (put a reverse proxy's limit in front for those).</summary>
internal static class WriteRateLimiting
{
    /// <summary>The policy name write endpoints use: <c>.RequireRateLimiting(WriteRateLimiting.PolicyName)</c>.</summary>
    public const string PolicyName = "writes";

    public static IServiceCollection AddWriteRateLimiting(this IServiceCollection services, IConfiguration section)
    {
        services.AddValidatedOptions<WriteRateLimitOptions>(section);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PolicyName, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<WriteRateLimitOptions>>().Value;
                // The limiter runs after authorisation, so every write here has a named principal (the API key's
                // name): one caller's burst does not use up another's permits.
                string partition = http.User.Identity?.Name ?? "anonymous";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = (context, _) => WriteProblemAsync(context);
        });
        return services;
    }

    private static async ValueTask WriteProblemAsync(OnRejectedContext context)
    {
        var http = context.HttpContext;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = "The write limit of this caller is used up for now; retry after the time in Retry-After.",
            },
        });
    }
}
