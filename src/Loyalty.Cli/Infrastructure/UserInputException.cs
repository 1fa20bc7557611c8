namespace Loyalty.Cli.Infrastructure;

/// <summary>A problem with the user's arguments or input files: printed as one line on stderr, exit code 2.</summary>
internal sealed class UserInputException(string message) : Exception(message);
