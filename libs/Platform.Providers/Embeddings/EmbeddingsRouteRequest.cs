using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.Providers.Embeddings;

/// <summary>An embeddings call for the router: what to embed, with which model, under which policy.</summary>
public sealed record EmbeddingsRouteRequest(RouteTarget Target, IReadOnlyList<EmbeddingInput> Inputs, int? Dimensions, CallPolicy Policy,
    CallMode Mode);
