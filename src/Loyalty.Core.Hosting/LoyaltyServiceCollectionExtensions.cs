using Loyalty.Core.Feedback;
using Loyalty.Core.Hosting;
using Loyalty.Core.Privacy;
using Loyalty.Core.Rewards;
using Loyalty.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Loyalty.Core in a host's service collection.</summary>
/// <remarks>Thread safety: stateless; call it during start-up, as the service collection itself is not thread-safe.</remarks>
public static class LoyaltyServiceCollectionExtensions
{
#pragma warning disable RS0026 // Overloads with optional parameters are safe here: the configuration overload has a required section argument, as Microsoft.Extensions does it.
    /// <summary>
    /// Adds the loyalty services: <see cref="LoyaltyOptions"/> (validated at start-up, every problem at once), the
    /// reward catalogue (the loyalty plan's example unless one is registered first), a <see cref="PointsLedger"/>, an
    /// in-memory <see cref="FeedbackLog"/> as the feedback sink (register your own <see cref="Loyalty.Core.IFeedbackSink"/>
    /// first to persist events),
    /// <see cref="TimeProvider.System"/>, the <see cref="LoyaltyCampaignRunner"/> and a
    /// <see cref="CustomerErasure"/> coordinator over the registered store (when there is one, see
    /// <see cref="AddLoyaltyStore"/>) and every registered <see cref="Loyalty.Core.ICustomerErasureParticipant"/> (the
    /// feedback log and the points ledger are two; register your own — model caches, report stores — to have them erase too).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddLoyalty(this IServiceCollection services, Action<LoyaltyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<LoyaltyOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LoyaltyOptions>, LoyaltyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(RewardCatalogue.SeedExample);
        services.TryAddSingleton<FeedbackLog>();
        services.TryAddSingleton<Loyalty.Core.IFeedbackSink>(provider => provider.GetRequiredService<FeedbackLog>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Loyalty.Core.ICustomerErasureParticipant, FeedbackLog>(provider => provider.GetRequiredService<FeedbackLog>()));
        services.TryAddSingleton(provider => new CustomerErasure(
            provider.GetServices<Loyalty.Core.ICustomerErasureParticipant>(), provider.GetService<Loyalty.Core.ICustomerStore>()));
        services.TryAddSingleton(provider =>
        {
            var o = provider.GetRequiredService<IOptions<LoyaltyOptions>>().Value;
            return new PointsLedger(LoyaltyOptionsMapping.Ledger(o));
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Loyalty.Core.ICustomerErasureParticipant, PointsLedger>(provider => provider.GetRequiredService<PointsLedger>()));
        services.TryAddSingleton<LoyaltyCampaignRunner>();
        return services;
    }

    /// <summary>Adds the loyalty services with options bound from <paramref name="section"/> (usually
    /// <c>configuration.GetSection("Loyalty")</c>).</summary>
    public static IServiceCollection AddLoyalty(this IServiceCollection services, IConfiguration section, Action<LoyaltyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<LoyaltyOptions>().Bind(section);
        return services.AddLoyalty(configure);
    }
#pragma warning restore RS0026

    /// <summary>
    /// Registers an opened store (SQLite or PostgreSQL) as the program's durable state: <see cref="Loyalty.Core.ILoyaltyStore"/>
    /// and each contract it implements, the points ledger (<see cref="Loyalty.Core.IPointsLedgerStore"/>), and the feedback sink
    /// that offers and feedback are recorded to (replacing the in-memory <see cref="FeedbackLog"/>). The container
    /// disposes the store at shutdown.
    /// </summary>
    /// <remarks>Open the store before building the host (<c>await SqliteLoyaltyStore.OpenAsync(...)</c>), so a bad
    /// connection string, a wrong key or a newer schema fails at start-up rather than on the first request.</remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="store">The opened store.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddLoyaltyStore(this IServiceCollection services, RelationalLoyaltyStore store)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        services.AddSingleton(store);
        services.AddSingleton<Loyalty.Core.ILoyaltyStore>(store);
        services.AddSingleton<Loyalty.Core.ITransactionStore>(store);
        services.AddSingleton<Loyalty.Core.ICustomerStore>(store);
        services.AddSingleton<Loyalty.Core.IFeedbackStore>(store);
        services.AddSingleton<Loyalty.Core.ISegmentAssignmentStore>(store);
        services.AddSingleton<Loyalty.Core.IPointsLedgerStore>(store);
        services.RemoveAll<Loyalty.Core.IFeedbackSink>();
        services.AddSingleton<Loyalty.Core.IFeedbackSink>(store);
        return services;
    }
}
