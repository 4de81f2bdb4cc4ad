using System.Text.Json;
using Platform.Contracts;
using Platform.Providers.Embeddings;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;
using Platform.Workers;

namespace Platform.ProviderWorker.Items;

/// <summary>
/// Runs an item whose content is a whole embeddings request (a line of an OpenAI embeddings batch) through the
/// <see cref="Embedder"/>, as `/v1/embeddings` does; the answer is stored as the embeddings list OpenAI's batch output carries.
/// </summary>
public sealed class EmbeddingsRequestItems(Embedder embedder)
{
    public async Task<JobItemCompleted> RunAsync(JobItemRun run, RouteTarget target, CancellationToken cancellationToken)
    {
        var item = run.Item;
        // Jobs checked the body with the same rules as `/v1/embeddings` when it validated the batch file.
        var body = JsonSerializer.Deserialize<EmbeddingsRequestBody>(item.Content)!;
        var request = new EmbeddingsRouteRequest(target, body.Inputs(), body.Dimensions,
            new CallPolicy(item.RetryAttempts, TimeSpan.FromSeconds(item.TimeoutSeconds)), CallMode.Batch);
        try
        {
            var routed = await embedder.EmbedAsync(request, apiKeyId: null, cancellationToken);
            return run.Succeeded(routed.Attempts) with
            {
                PredictionJson = JsonSerializer.Serialize(EmbeddingList.Of(routed.Vectors, body.Model!, body.Base64)),
                PromptTokens = routed.Vectors.PromptTokens,
                CompletionTokens = 0,
                AnsweredBy = routed.AnsweredBy.Target.DisplayName,
            };
        }
        catch (ProviderException e)
        {
            return run.Failed(e.Attempts, e.ErrorCode, e.Message);
        }
    }
}
