using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Providers.Resilience;

namespace Platform.Providers.Clients;

/// <summary>What a provider's error body says: its message, and how long it asks us to wait (when the body says so).</summary>
internal readonly record struct UpstreamError(string? Message, TimeSpan? RetryAfter = null);
