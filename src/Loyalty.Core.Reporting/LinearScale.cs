namespace Loyalty.Core.Reporting;

/// <summary>
/// Maps a data interval (the domain) linearly onto a pixel interval (the range), with "nice" ticks: steps of 1, 2 or
/// 5 times a power of ten, as people read axes. Immutable.
/// </summary>
internal sealed class LinearScale
{
    /// <summary>Creates a scale.</summary>
    /// <param name="domainMin">Smallest data value; finite.</param>
    /// <param name="domainMax">Largest data value; finite and not below <paramref name="domainMin"/>. An empty domain
    /// (min = max) is widened by 0.5 either side, so a single value draws in the middle instead of dividing by zero.</param>
    /// <param name="rangeMin">Pixel of <paramref name="domainMin"/>; finite.</param>
    /// <param name="rangeMax">Pixel of <paramref name="domainMax"/>; finite (below <paramref name="rangeMin"/> for a
    /// y axis, where SVG counts downwards).</param>
    /// <exception cref="ArgumentException">A bound is not finite, or the domain is reversed; names the parameter.</exception>
    internal LinearScale(double domainMin, double domainMax, double rangeMin, double rangeMax)
    {
        RequireFinite(domainMin, nameof(domainMin));
        RequireFinite(domainMax, nameof(domainMax));
        RequireFinite(rangeMin, nameof(rangeMin));
        RequireFinite(rangeMax, nameof(rangeMax));
        if (domainMax < domainMin)
        {
            throw new ArgumentException($"The domain is reversed: max {domainMax} is below min {domainMin}.", nameof(domainMax));
        }

        if (domainMax == domainMin)
        {
            domainMin -= 0.5;
            domainMax += 0.5;
        }

        DomainMin = domainMin;
        DomainMax = domainMax;
        RangeMin = rangeMin;
        RangeMax = rangeMax;
    }

    internal double DomainMin { get; }

    internal double DomainMax { get; }

    internal double RangeMin { get; }

    internal double RangeMax { get; }

    /// <summary>The pixel of <paramref name="value"/> (values outside the domain map outside the range).</summary>
    internal double Map(double value) => RangeMin + ((value - DomainMin) / (DomainMax - DomainMin) * (RangeMax - RangeMin));

    /// <summary>A scale whose domain covers [min, max] and starts and ends on a tick of about
    /// <paramref name="tickTarget"/> nice ticks.</summary>
    /// <exception cref="ArgumentException">A bound is not finite, the domain is reversed, or the tick target is below 2.</exception>
    internal static LinearScale Nice(double min, double max, double rangeMin, double rangeMax, int tickTarget = 5)
    {
        RequireFinite(min, nameof(min));
        RequireFinite(max, nameof(max));
        if (max < min)
        {
            throw new ArgumentException($"The domain is reversed: max {max} is below min {min}.", nameof(max));
        }

        if (max == min)
        {
            (min, max) = min == 0 ? (0, 1) : (min - (Math.Abs(min) * 0.5), max + (Math.Abs(max) * 0.5));
        }

        double step = NiceStep(min, max, tickTarget);
        return new LinearScale(Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, rangeMin, rangeMax);
    }

    /// <summary>Nice ticks inside the domain, about <paramref name="tickTarget"/> of them, ascending.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The tick target is below 2.</exception>
    internal IReadOnlyList<double> Ticks(int tickTarget = 5)
    {
        double step = NiceStep(DomainMin, DomainMax, tickTarget);
        var ticks = new List<double>();
        // Counting steps from an integer start, not adding the step repeatedly, keeps ticks free of drift (0.30000000000000004).
        long first = (long)Math.Ceiling((DomainMin / step) - 1e-9);
        long last = (long)Math.Floor((DomainMax / step) + 1e-9);
        for (long k = first; k <= last; k++)
        {
            ticks.Add(Math.Round(k * step, 12));
        }

        return ticks;
    }

    /// <summary>Decimals needed to print ticks of this scale without losing their differences.</summary>
    internal int TickDecimals(int tickTarget = 5) => Math.Max(0, -(int)Math.Floor(Math.Log10(NiceStep(DomainMin, DomainMax, tickTarget)) + 1e-9));

    /// <summary>1, 2 or 5 × 10^k: the nice step closest to (max − min) / target.</summary>
    internal static double NiceStep(double min, double max, int tickTarget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tickTarget, 2);
        double span = max - min;
        if (!(span > 0) || !double.IsFinite(span))
        {
            return 1;
        }

        double raw = span / tickTarget;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / power;
        double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        return nice * power;
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{name} must be a finite number (was {value}).", name);
        }
    }
}
