using System.Globalization;

namespace Loyalty.Core.Validation;

/// <summary>
/// The one validation path of options records: rules add errors instead of throwing, so a caller sees every
/// problem of an options object at once, each named as <c>TypeName.Property</c> (nested records as
/// <c>TypeName.Property.Inner</c>), in one <see cref="ArgumentException"/>.
/// </summary>
/// <remarks>Plain method parameters are not checked here: they use the BCL throw helpers
/// (<see cref="ArgumentNullException.ThrowIfNull(object?, string?)"/>, <c>ArgumentOutOfRangeException.ThrowIf…</c>).
/// It is public so the adapter packages (stores, hosting) validate their options through the same path and format
/// without access to Core's internals. Thread safety: not thread-safe; use one instance per validation.</remarks>
public sealed class OptionsValidator
{
    private readonly string _path;
    private readonly List<string> _errors;

    /// <summary>Starts collecting errors of an object whose type is named <paramref name="typeName"/>.</summary>
    public OptionsValidator(string typeName)
        : this(typeName, [])
    {
    }

    private OptionsValidator(string path, List<string> errors)
    {
        _path = path;
        _errors = errors;
    }

    /// <summary>The errors found so far, each a sentence naming its option.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Whether no rule has failed.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>A collector for a nested options object: its errors go to the same list, named through
    /// <paramref name="property"/>.</summary>
    public OptionsValidator Nested(string property) => new($"{_path}.{property}", _errors);

    /// <summary>A collector for another options object checked together with this one (the builder checks every
    /// step's options at once): its errors go to the same list, named through <paramref name="typeName"/>.</summary>
    public OptionsValidator For(string typeName) => new(typeName, _errors);

    /// <summary>Adds an error unless <paramref name="condition"/> holds; <paramref name="requirement"/> completes
    /// the sentence "TypeName.Property …" (for example "must be after CalibrationEnd (was 2020-01-01)").</summary>
    public bool Require(bool condition, string property, string requirement)
    {
        if (!condition)
        {
            _errors.Add($"{_path}.{property} {requirement}.");
        }

        return condition;
    }

    /// <summary>A finite number &gt; 0.</summary>
    public bool Positive(string property, double value) =>
        Require(double.IsFinite(value) && value > 0, property, $"must be a finite number > 0 (was {Format(value)})");

    /// <summary>A finite number ≥ 0.</summary>
    public bool NonNegative(string property, double value) =>
        Require(double.IsFinite(value) && value >= 0, property, $"must be a finite number >= 0 (was {Format(value)})");

    /// <summary>A number ≥ 0 (decimal).</summary>
    public bool NonNegative(string property, decimal value) =>
        Require(value >= 0, property, $"must be >= 0 (was {Format(value)})");

    /// <summary>A finite number (any sign).</summary>
    public bool Finite(string property, double value) =>
        Require(double.IsFinite(value), property, $"must be a finite number (was {Format(value)})");

    /// <summary>An integer ≥ <paramref name="min"/>.</summary>
    public bool AtLeast(string property, long value, long min) =>
        Require(value >= min, property, $"must be >= {min} (was {value})");

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public bool InRange(string property, double value, double min, double max) =>
        Require(double.IsFinite(value) && value >= min && value <= max, property, $"must be in [{Format(min)}, {Format(max)}] (was {Format(value)})");

    /// <summary>A finite number in (<paramref name="min"/>, <paramref name="max"/>] — open below.</summary>
    public bool InRangeExclusiveMin(string property, double value, double min, double max) =>
        Require(double.IsFinite(value) && value > min && value <= max, property, $"must be in ({Format(min)}, {Format(max)}] (was {Format(value)})");

    /// <summary>A finite number in (<paramref name="min"/>, <paramref name="max"/>) — open on both sides.</summary>
    public bool InOpenRange(string property, double value, double min, double max) =>
        Require(double.IsFinite(value) && value > min && value < max, property, $"must be in ({Format(min)}, {Format(max)}) (was {Format(value)})");

    /// <summary>A time span &gt; 0.</summary>
    public bool Positive(string property, TimeSpan value) =>
        Require(value > TimeSpan.Zero, property, $"must be > 0 (was {value})");

    /// <summary>A time span ≥ 0.</summary>
    public bool NonNegative(string property, TimeSpan value) =>
        Require(value >= TimeSpan.Zero, property, $"must be >= 0 (was {value})");

    /// <summary>A value that is set.</summary>
    public bool NotNull(string property, object? value) => Require(value is not null, property, "is required");

    /// <summary>A string with something other than white space.</summary>
    public bool NotBlank(string property, string? value) =>
        Require(!string.IsNullOrWhiteSpace(value), property, "is required (was empty)");

    /// <summary>A named member of <typeparamref name="TEnum"/>.</summary>
    public bool Defined<TEnum>(string property, TEnum value)
        where TEnum : struct, Enum =>
        Require(Enum.IsDefined(value), property, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())} (was {Convert.ToInt64(value, CultureInfo.InvariantCulture)})");

    /// <summary>Two finite numbers with <paramref name="low"/> &lt; <paramref name="high"/>.</summary>
    public bool Ordered(string lowProperty, double low, string highProperty, double high)
    {
        bool finite = Finite(lowProperty, low) & Finite(highProperty, high);
        return finite && Require(low < high, lowProperty, $"must be less than {_path}.{highProperty} (was {Format(low)} and {Format(high)})");
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every error, if there are any.</summary>
    /// <param name="paramName">The parameter that carried the options object.</param>
    /// <exception cref="ArgumentException">At least one rule failed.</exception>
    public void ThrowIfInvalid(string? paramName = "options")
    {
        if (_errors.Count > 0)
        {
            throw new ArgumentException(FormatMessage(_errors), paramName);
        }
    }

    /// <summary>The single message format: a header line counting the errors, then one error per line.</summary>
    internal static string FormatMessage(IReadOnlyList<string> errors) =>
        string.Create(CultureInfo.InvariantCulture, $"Invalid options ({errors.Count} error{(errors.Count == 1 ? "" : "s")}):")
        + string.Concat(errors.Select(e => Environment.NewLine + "- " + e));

    internal static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
