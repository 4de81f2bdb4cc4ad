using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Platform.Gateway.Chat;
using Platform.Providers.Accounting;
using Platform.Providers.Clients;
using Platform.Providers.Models;
using Platform.Providers.Resilience;

namespace Platform.Gateway.Inference;

/// <summary>Embedding vectors and the prompt tokens they cost (estimated when the provider does not say).</summary>
public sealed record Embeddings(IReadOnlyList<float[]> Vectors, int PromptTokens, bool Estimated);
