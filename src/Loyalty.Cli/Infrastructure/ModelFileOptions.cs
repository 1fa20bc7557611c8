using System.CommandLine;

namespace Loyalty.Cli.Infrastructure;

/// <summary><c>--save-model PATH</c> where a command fits and <c>--load-model PATH</c> where it can predict or assign
/// with a saved model instead, spelled the same in every command. (<c>--model</c> alone already names the model kind
/// in <c>clv</c>, so the file options say what they do.) A bad model file is a user error naming the file.</summary>
internal static class ModelFileOptions
{
    internal static Option<FileInfo?> Save(string what, string name = "--save-model") =>
        new(name) { Description = $"Write the fitted {what} to this model file (Save/Load format; see docs/models.md)." };

    internal static Option<FileInfo?> Load(string what, string name = "--load-model") =>
        new(name) { Description = $"Use the {what} saved in this model file instead of fitting one." };

    /// <summary>Writes a model with <paramref name="save"/>; a path that cannot be written is a user error.</summary>
    internal static void Write(FileInfo file, string option, Action<Stream> save)
    {
        try
        {
            using var stream = File.Create(file.FullName);
            save(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option}: cannot write '{file.FullName}': {ex.Message}");
        }
    }

    /// <summary>Reads a model with <paramref name="load"/>; a missing, unreadable or invalid file is one line naming it.</summary>
    internal static T Read<T>(FileInfo file, string option, Func<Stream, T> load)
    {
        if (!file.Exists)
        {
            throw new UserInputException($"{option}: '{file.FullName}' does not exist.");
        }

        try
        {
            using var stream = file.OpenRead();
            return load(stream);
        }
        catch (InvalidDataException ex)
        {
            throw new UserInputException($"{file.FullName}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option}: cannot read '{file.FullName}': {ex.Message}");
        }
    }
}
