using System.Text.Json;
using Platform.Providers.Routing;

namespace Platform.Providers.Registry;

/// <summary>Seed 003's strategy words (`round_robin`, `weighted`, `least_latency`, `least_busy`), as the API and the database write them.</summary>
public static class BalancingStrategyNames
{
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<BalancingStrategy>().Select(Name).ToList();

    public static string Name(BalancingStrategy strategy) => JsonNamingPolicy.SnakeCaseLower.ConvertName(strategy.ToString());

    public static BalancingStrategy? Parse(string? name) =>
        Enum.GetValues<BalancingStrategy>().Select(strategy => (BalancingStrategy?)strategy)
            .FirstOrDefault(strategy => Name(strategy!.Value) == name);
}
