using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Platform.Providers.Models;
using Platform.Providers.Resilience;

namespace Platform.Providers.Routing;

/// <summary>One streamed piece of an answer and the deployment streaming it.</summary>
public sealed record RoutedUpdate(ChatResponseUpdate Update, ModelDeployment AnsweredBy);
