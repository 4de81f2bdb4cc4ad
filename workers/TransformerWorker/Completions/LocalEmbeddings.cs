using Platform.Transformer;
using Platform.TransformerWorker.Models;

namespace Platform.TransformerWorker.Completions;

/// <summary>
/// Embeddings from a named model's final hidden states (after the last layer norm), averaged over the text's
/// tokens: the usual sentence embedding of a decoder model, n_embed floats long.
/// </summary>
public sealed class LocalEmbeddings(ModelCache cache, ModelTokenizers tokenizers)
{
    public async Task<IReadOnlyList<LocalEmbedding>> EmbedAsync(LocalModelDefinition model, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var weights = await cache.GetAsync(model, cancellationToken);
        var tokenizer = tokenizers.For(model.Config);
        return await Task.Run(() => texts.Select(text => Embed(weights, tokenizer, text, cancellationToken)).ToList(), cancellationToken);
    }

    /// <summary>A text longer than the context is embedded by its last context_size tokens.</summary>
    private static LocalEmbedding Embed(GptModel weights, Gpt2Tokenizer tokenizer, string text, CancellationToken cancellationToken)
    {
        var kept = tokenizer.EncodeLast(text, weights.Config.ContextSize, cancellationToken);
        var capture = new ForwardCapture { IncludeHiddenStates = true };
        weights.Forward(kept, capture);
        var width = weights.Config.NEmbed;
        var mean = new float[width];
        var states = capture.HiddenStates!;
        for (var row = 0; row < kept.Length; row++)
        {
            for (var column = 0; column < width; column++)
            {
                mean[column] += states[row * width + column] / kept.Length;
            }
        }

        return new LocalEmbedding(mean, kept.Length);
    }
}
