using Microsoft.Extensions.Options;

namespace Loyalty.Samples.WebApi.Options;

/// <summary>Settings that can list their own problems, so start-up reports every one of them at once.</summary>
internal interface ISelfValidatingOptions
{
    /// <summary>Each problem as a sentence naming the setting; empty when valid.</summary>
    IEnumerable<string> Problems();
}

/// <summary>Binds settings from configuration and validates them when the host starts, not on the first request.</summary>
internal static class ValidatedOptions
{
    internal static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, IConfiguration section)
        where T : class, ISelfValidatingOptions
    {
        services.AddOptions<T>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, Validator<T>>();
        return services;
    }

    private sealed class Validator<T> : IValidateOptions<T>
        where T : class, ISelfValidatingOptions
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
