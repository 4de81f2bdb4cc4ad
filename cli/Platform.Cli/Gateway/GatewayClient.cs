using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Contracts.Http.Batches;
using Platform.Contracts.Http.Cache;
using Platform.Contracts.Http.Keys;
using Platform.Contracts.Http.Tasks;

namespace Platform.Cli.Gateway;

/// <summary>The Gateway's key, task and batch endpoints, typed; every failure becomes a <see cref="CliException"/> with a one-line message.</summary>
public sealed class GatewayClient(HttpClient http) : IDisposable
{
    public const string ApiKeyHeader = "X-API-Key";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public Task<CreatedKey> CreateKeyAsync(CreateKeyRequest request, CancellationToken cancellationToken) =>
        SendAsync<CreatedKey>(HttpMethod.Post, "api/llm/keys", request, cancellationToken);

    public Task<KeyList> ListKeysAsync(CancellationToken cancellationToken) =>
        SendAsync<KeyList>(HttpMethod.Get, "api/llm/keys", null, cancellationToken);

    public Task<KeySummary> RevokeKeyAsync(string keyId, CancellationToken cancellationToken) =>
        SendAsync<KeySummary>(HttpMethod.Delete, $"api/llm/keys/{Uri.EscapeDataString(keyId)}", null, cancellationToken);

    public Task<TasksImported> ImportTasksAsync(IReadOnlyList<TaskImport> tasks, CancellationToken cancellationToken) =>
        SendAsync<TasksImported>(HttpMethod.Post, "api/v1/tasks", tasks, cancellationToken);

    /// <param name="idempotencyKey">The same key answers the job submitted with it before instead of making another.</param>
    public Task<BatchSubmitted> SubmitBatchAsync(BatchPredictRequest request, string? idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync<BatchSubmitted>(HttpMethod.Post, "api/v1/ai/predict/batch", request, cancellationToken, idempotencyKey);

    /// <summary>The job with one page of successes (from <paramref name="offset"/>) and one of failures (from <paramref name="failedOffset"/>).</summary>
    public Task<BatchJobView> GetJobAsync(string jobId, int offset, int limit, CancellationToken cancellationToken, int failedOffset = 0) =>
        SendAsync<BatchJobView>(HttpMethod.Get,
            $"api/v1/ai/batch/{Uri.EscapeDataString(jobId)}?offset={offset}&limit={limit}&failed_offset={failedOffset}&failed_limit={limit}", null,
            cancellationToken);

    public Task<CacheStats> GetCacheStatsAsync(CancellationToken cancellationToken) =>
        SendAsync<CacheStats>(HttpMethod.Get, "api/v1/ai/cache/stats", null, cancellationToken);

    public Task<CacheEntryList> ListCacheEntriesAsync(int offset, int limit, CancellationToken cancellationToken) =>
        SendAsync<CacheEntryList>(HttpMethod.Get, $"api/v1/ai/cache/entries?offset={offset}&limit={limit}", null, cancellationToken);

    public Task<CachePurged> PurgeExpiredCacheAsync(CancellationToken cancellationToken) =>
        SendAsync<CachePurged>(HttpMethod.Post, "api/v1/ai/cache/purge-expired", null, cancellationToken);

    public Task<CacheCleared> ClearCacheAsync(CancellationToken cancellationToken) =>
        SendAsync<CacheCleared>(HttpMethod.Delete, "api/v1/ai/cache", null, cancellationToken);

    public Task<BatchJobList> ListJobsAsync(int offset, int limit, CancellationToken cancellationToken) =>
        SendAsync<BatchJobList>(HttpMethod.Get, $"api/v1/ai/batch?offset={offset}&limit={limit}", null, cancellationToken);

    public Task<BatchCancelled> CancelJobAsync(string jobId, CancellationToken cancellationToken) =>
        SendAsync<BatchCancelled>(HttpMethod.Delete, $"api/v1/ai/batch/{Uri.EscapeDataString(jobId)}", null, cancellationToken);

    public void Dispose() => http.Dispose();

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken,
        string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception) when (exception.StatusCode is null)
        {
            throw new CliException($"Cannot reach the Gateway at {http.BaseAddress} ({exception.Message}); is it running? Set it with --gateway or PLATFORM_GATEWAY_URL.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"The Gateway at {http.BaseAddress} did not answer within {http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException(await GatewayErrors.DescribeAsync(response, hasApiKey: http.DefaultRequestHeaders.Contains(ApiKeyHeader), cancellationToken));
            }

            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new CliException($"The Gateway answered {method} /{path} with an empty body.");
        }
    }
}
