namespace Loyalty.Core.Simulation;

/// <summary>A clock the simulator moves itself (one day per round), so bandit wait windows are deterministic.</summary>
internal sealed class SimulationClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    internal void Advance(TimeSpan by) => _now += by;
}
