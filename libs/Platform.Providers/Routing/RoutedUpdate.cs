using Microsoft.Extensions.AI;

namespace Platform.Providers.Routing;

/// <summary>One streamed piece of an answer and the deployment streaming it.</summary>
public sealed record RoutedUpdate(ChatResponseUpdate Update, ModelDeployment AnsweredBy);
