using Microsoft.Extensions.Options;

namespace Loyalty.Core.Hosting;

/// <summary>Reports every problem of <see cref="LoyaltyOptions"/> in one failure.</summary>
internal sealed class LoyaltyOptionsValidator : IValidateOptions<LoyaltyOptions>
{
    public ValidateOptionsResult Validate(string? name, LoyaltyOptions options)
    {
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
