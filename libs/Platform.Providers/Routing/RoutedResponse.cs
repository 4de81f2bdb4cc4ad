using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Platform.Providers.Models;
using Platform.Providers.Resilience;

namespace Platform.Providers.Routing;

/// <summary>A whole answer and who gave it (after balancing and any fallback).</summary>
public sealed record RoutedResponse(ChatResponse Response, ModelDeployment AnsweredBy, int Attempts, TimeSpan Elapsed);
