using Microsoft.Extensions.AI;

namespace Platform.Providers.Routing;

/// <summary>A whole answer and who gave it (after balancing and any fallback).</summary>
public sealed record RoutedResponse(ChatResponse Response, ModelDeployment AnsweredBy, int Attempts, TimeSpan Elapsed);
