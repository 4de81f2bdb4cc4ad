using Platform.Gateway.Errors;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Contracts;

namespace Platform.Gateway.Inference;

/// <summary>What a TransformerWorker did with a cache change, and its cache after it.</summary>
public sealed record ModelCacheChangeResult(bool Changed, ModelCacheReported Replica);
