using Microsoft.Extensions.AI;
using Platform.Providers.Resilience;

namespace Platform.Providers.Routing;

public sealed record RouteRequest(
    RouteTarget Target,
    IList<ChatMessage> Messages,
    ChatOptions? Options,
    CallPolicy Policy,
    CallMode Mode);
