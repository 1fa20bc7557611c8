using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loyalty.Cli.Infrastructure;

/// <summary>The one JSON convention of the CLI: camelCase, one object on stdout, non-finite numbers as strings.</summary>
internal static class CliJson
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Writes <paramref name="value"/> as the single JSON object of the command's stdout.</summary>
    internal static void Write(TextWriter stdout, object value)
    {
        stdout.WriteLine(JsonSerializer.Serialize(value, value.GetType(), Options));
        stdout.Flush();
    }
}
