using Loyalty.Core.Collection;
using Loyalty.Core.Hosting;
using Loyalty.Core.Pipeline;
using Loyalty.Samples.WebApi.Auth;
using Loyalty.Samples.WebApi.Campaigns;
using Loyalty.Samples.WebApi.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Loyalty.Samples.WebApi.Endpoints;

/// <summary>
/// Runs campaigns (operators only). The transaction log is the request body, or a file of the server's configured
/// data directory named by a plain file name; a request never names a server path. A log that cannot be read gets a
/// 400 problem naming the line and column only: no part of the file's content is echoed.
/// </summary>
internal static partial class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/campaigns")
            .RequireAuthorization(Policies.Operator)
            .RequireRateLimiting(WriteRateLimiting.PolicyName);
        campaigns.MapPost("/", RunUploadAsync);
        campaigns.MapPost("/datasets/{name}", RunDataSetAsync);
    }

    /// <summary>POST /campaigns?format=csv|cdnow with the log as the body.</summary>
    private static async Task<IResult> RunUploadAsync(
        HttpRequest request, string? format, LoyaltyCampaignRunner runner, IOptions<CampaignInputOptions> options,
        ILogger<LoyaltyCampaignRunner> logger, CancellationToken cancellationToken)
    {
        if (ParseFormat(format) is not { } fileFormat)
        {
            return FormatProblem();
        }

        long max = options.Value.MaxUploadBytes;
        byte[]? log = await BoundedUpload.ReadAsync(request, max, cancellationToken);
        if (log is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The transaction log is too large.",
                detail: $"Upload at most {max} bytes, or ask the operator to place the file in the data directory.");
        }

        if (log.Length == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The transaction log is missing.",
                detail: "Send the transaction log as the request body.");
        }

        var source = new TransactionFileSource(() => new MemoryStream(log, writable: false),
            new TransactionFileOptions { Format = fileFormat, SourceName = "upload" });
        return await RunAsync(runner, source, logger, cancellationToken);
    }

    /// <summary>POST /campaigns/datasets/{name}?format=csv|cdnow for a file of the configured data directory.</summary>
    private static async Task<IResult> RunDataSetAsync(
        string name, string? format, LoyaltyCampaignRunner runner, DataSets dataSets,
        ILogger<LoyaltyCampaignRunner> logger, CancellationToken cancellationToken)
    {
        if (!DataSets.IsValidName(name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["name"] = ["name must be a plain file name of the data directory (letters, digits, _ and -, one optional extension); paths are not accepted."],
            });
        }

        if (ParseFormat(format) is not { } fileFormat)
        {
            return FormatProblem();
        }

        if (dataSets.Find(name) is not { } path)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such data set.",
                detail: dataSets.Enabled ? "The data directory has no file of that name." : "This server has no data directory configured.");
        }

        var source = new TransactionFileSource(path, new TransactionFileOptions { Format = fileFormat, SourceName = name });
        return await RunAsync(runner, source, logger, cancellationToken);
    }

    private static async Task<IResult> RunAsync(
        LoyaltyCampaignRunner runner, TransactionFileSource source, ILogger logger, CancellationToken cancellationToken)
    {
        PipelineResult result;
        try
        {
            result = await runner.RunAsync(source, cancellationToken: cancellationToken);
        }
        catch (TransactionFormatException ex)
        {
            // The message may quote the file; the client gets the location only, the server log the rest.
            LogRejected(logger, source.Name, ex);
            var problem = TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The transaction log is not valid.",
                detail: ex.Line > 0 ? $"The problem is at line {ex.Line}{(ex.Column is null ? "" : $", column '{ex.Column}'")}." : "The problem concerns the file as a whole.");
            problem.ProblemDetails.Extensions["line"] = ex.Line;
            return problem;
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or ArgumentException)
        {
            LogRejected(logger, source.Name, ex);
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The transaction log could not be used for a campaign.",
                detail: "Check the format parameter and the log's columns; the server log has the details.");
        }

        var quality = result.Rfm.Quality;
        return TypedResults.Ok(new
        {
            customers = result.Rfm.Summaries.Count,
            offers = result.Plan?.Offers.Count ?? 0,
            expectedCost = result.Plan?.Allocation.TotalCost ?? 0,
            expectedUplift = result.Plan?.Allocation.TotalUplift ?? 0,
            segments = result.SegmentProfiles.Select(p => new { p.SegmentId, p.Size, p.TopName }),
            // Counts and locations only: the rejection reasons may quote the file.
            quality = new
            {
                quality.RowsRead,
                quality.RowsRejected,
                quality.TransactionsUsed,
                rejected = quality.RejectedSamples.Select(r => new { r.Line, r.Column }),
            },
        });
    }

    private static TransactionFileFormat? ParseFormat(string? format) => format switch
    {
        null or "csv" => TransactionFileFormat.Csv,
        "cdnow" => TransactionFileFormat.Cdnow,
        _ => null,
    };

    private static ValidationProblem FormatProblem() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format must be 'csv' (the default) or 'cdnow'."] });

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Campaign input {Source} rejected")]
    private static partial void LogRejected(ILogger logger, string source, Exception exception);
}
