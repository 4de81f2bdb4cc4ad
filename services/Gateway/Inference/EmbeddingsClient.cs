using Microsoft.Extensions.Options;
using Platform.Gateway.Chat;
using Platform.Providers.Embeddings;
using Platform.Providers.Models;
using Platform.Providers.Resilience;

namespace Platform.Gateway.Inference;

/// <summary>
/// Seed 001's embeddings task on the deployment it chose: <see cref="ProviderEmbeddings"/> under the interactive timeout.
/// </summary>
public sealed class EmbeddingsClient(ProviderEmbeddings embeddings, IOptions<InteractiveOptions> interactive)
{
    public async Task<EmbeddingVectors> EmbedAsync(ResolvedModel model, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(interactive.Value.Timeout);
        try
        {
            return await embeddings.EmbedAsync(model, [.. texts.Select(EmbeddingInput.OfText)], dimensions: null, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw ProviderException.Timeout(model.DisplayName, interactive.Value.Timeout);
        }
    }
}
