using Loyalty.Core;

namespace Loyalty.Cli.Infrastructure;

/// <summary>Turns a diverged fit into a user-input error (exit 2, one line): it is caused by the options or the
/// data's scale, so the line names the CLI option to change.</summary>
internal static class TrainingErrors
{
    internal static int AsUserInput(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (TrainingDivergedException ex)
        {
            throw new UserInputException($"option {CliOption(ex.OptionName)}: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static string CliOption(string optionName) => optionName switch
    {
        "LearningRate" => "--lr",
        "Regularization" or "Alpha" => "--reg",
        "Scale" => "--rating-scale",
        "Standardization" => "--standardize",
        _ => "--input",
    };
}
