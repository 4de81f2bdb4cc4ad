using Platform.Gateway.Errors;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Contracts;

namespace Platform.Gateway.Inference;

/// <summary>
/// The TransformerWorker's model-cache API. Any replica answers: it applies a change and passes it to the
/// others over the bus, and it knows every replica's last report. Failures become <see cref="InferenceException"/>s.
/// </summary>
public sealed class ModelCacheClient(HttpClient http, IOptions<JsonOptions> jsonOptions)
{
    public async Task<IReadOnlyList<ModelCacheReported>> ReplicasAsync(CancellationToken cancellationToken) =>
        await SendAsync<IReadOnlyList<ModelCacheReported>>(new HttpRequestMessage(HttpMethod.Get, "cache/replicas"), cancellationToken);

    public Task<ModelCacheChangeResult> RemoveAsync(string key, CancellationToken cancellationToken) =>
        SendAsync<ModelCacheChangeResult>(new HttpRequestMessage(HttpMethod.Delete, $"cache/models/{Uri.EscapeDataString(key)}"), cancellationToken);

    public Task<ModelCacheChangeResult> ClearAsync(CancellationToken cancellationToken) =>
        SendAsync<ModelCacheChangeResult>(new HttpRequestMessage(HttpMethod.Post, "cache/clear"), cancellationToken);

    public Task<ModelCacheChangeResult> ConfigureAsync(int? maxCacheSize, double? maxMemoryGb, CancellationToken cancellationToken) =>
        SendAsync<ModelCacheChangeResult>(new HttpRequestMessage(HttpMethod.Put, "cache/config")
        {
            Content = JsonContent.Create(new { max_cache_size = maxCacheSize, max_memory_gb = maxMemoryGb }, options: Json),
        }, cancellationToken);

    public Task<ModelCacheChangeResult> PreloadAsync(string modelName, CancellationToken cancellationToken) =>
        SendAsync<ModelCacheChangeResult>(new HttpRequestMessage(HttpMethod.Post, "cache/preload")
        {
            Content = JsonContent.Create(new { model_name = modelName }, options: Json),
        }, cancellationToken);

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new InferenceException(ErrorKind.UpstreamFailed, InferenceErrors.InferenceFailed,
                    $"The transformer worker is not reachable: {e.Message}");
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
                }

                var detail = (await response.Content.ReadFromJsonAsync<WorkerError>(Json, cancellationToken))?.Detail ?? response.ReasonPhrase;
                throw response.StatusCode switch
                {
                    HttpStatusCode.NotFound => new InferenceException(ErrorKind.ModelNotFound, InferenceErrors.ModelNotFound, detail!),
                    HttpStatusCode.BadRequest => InferenceException.Invalid("body", detail!),
                    HttpStatusCode.ServiceUnavailable => new InferenceException(ErrorKind.ModelUnavailable, InferenceErrors.ResourceExhausted, detail!),
                    _ => new InferenceException(ErrorKind.UpstreamFailed, InferenceErrors.InferenceFailed, $"The transformer worker failed: {detail}"),
                };
            }
        }
    }

    /// <summary>The platform's snake_case JSON, as the TransformerWorker speaks it.</summary>
    private JsonSerializerOptions Json => jsonOptions.Value.SerializerOptions;

    private sealed record WorkerError(string? Detail);
}
