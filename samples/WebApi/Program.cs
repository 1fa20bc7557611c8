// A minimal ASP.NET host embedding Loyalty.Core, written to be copied: API-key authentication with an operator role
// and per-customer access, campaigns from an uploaded log (never a server path), validated input, RFC 7807 problem
// details for every error, and rate-limited writes. README.md beside this file has the curl walk-through.
//
// Run from the repository root (the Development settings hold two demo keys; never deploy them):
//   ASPNETCORE_ENVIRONMENT=Development dotnet run --project samples/WebApi --urls http://127.0.0.1:5080
//   curl -X POST 'http://127.0.0.1:5080/campaigns?format=cdnow' -H 'X-Api-Key: dev-operator-key' \
//        -H 'content-type: text/plain' --data-binary @tests/data/cdnow/CDNOW_sample.txt
//   curl http://127.0.0.1:5080/offers/0006 -H 'X-Api-Key: dev-customer-0006-key'
//   curl http://127.0.0.1:5080/points/0006 -H 'X-Api-Key: dev-customer-0006-key'
using System.Text.Json.Serialization;
using Loyalty.Core.Hosting;
using Loyalty.Samples.WebApi.Auth;
using Loyalty.Samples.WebApi.Campaigns;
using Loyalty.Samples.WebApi.Endpoints;
using Loyalty.Samples.WebApi.Errors;
using Loyalty.Samples.WebApi.Options;
using Loyalty.Samples.WebApi.RateLimiting;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;
builder.Services.AddLoyalty(config.GetSection(LoyaltyOptions.SectionName));
builder.Services.AddApiKeyAuthentication(config.GetSection(ApiKeyOptions.SectionName));
builder.Services.AddWriteRateLimiting(config.GetSection(WriteRateLimitOptions.SectionName));
builder.Services.AddSampleProblemDetails();
builder.Services.AddValidatedOptions<InputLimits>(config.GetSection(InputLimits.SectionName));
builder.Services.AddValidatedOptions<CampaignInputOptions>(config.GetSection(CampaignInputOptions.SectionName));
builder.Services.AddSingleton<DataSets>();
// Enum values travel as names ("Claimed") and only as names: a number could name a kind that does not exist.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));

var app = builder.Build();

// Order matters: errors become problem details first, so everything after is covered; the rate limiter runs after
// authorisation, so it partitions by the authenticated caller and anonymous calls stop at 401 before it.
app.UseExceptionHandler(ProblemDetailsSetup.ExceptionHandlerOptions());
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapCampaignEndpoints();
app.MapOfferEndpoints();
app.MapFeedbackEndpoints();
app.MapPointsEndpoints();

app.Run();

/// <summary>The entry point, public so end-to-end tests can start the app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
