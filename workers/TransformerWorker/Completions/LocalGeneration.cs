using System.Runtime.CompilerServices;
using Platform.Transformer;
using Platform.TransformerWorker.Models;

namespace Platform.TransformerWorker.Completions;

/// <summary>Text generation with the named models of this worker, loaded through the model cache.</summary>
public sealed class LocalGeneration(LocalModelCatalog catalog, ModelCache cache, ModelTokenizers tokenizers)
{
    /// <summary>Generated tokens when a request does not say.</summary>
    public const int DefaultMaxTokens = 128;

    public IReadOnlyCollection<string> ModelNames => catalog.Names;

    public LocalModelDefinition? Find(string? name) => name is null ? null : catalog.Find(name);

    public int CountPromptTokens(LocalModelDefinition model, string prompt, CancellationToken cancellationToken) =>
        PromptTokens(model, prompt, cancellationToken).Length;

    /// <summary>Generates a completion; with <see cref="GenerationOptions.TopLogprobs"/>, also each token's log-probability and that many alternatives.</summary>
    public async Task<LocalCompletion> CompleteAsync(LocalModelDefinition model, string prompt, GenerationOptions options, CancellationToken cancellationToken)
    {
        var weights = await cache.GetAsync(model, cancellationToken);
        var tokenizer = tokenizers.For(model.Config);
        return await Task.Run(() =>
        {
            var promptTokens = PromptTokens(model, prompt, cancellationToken);
            var result = new Generator(weights, tokenizer).Generate(promptTokens, WithStopToken(tokenizer, options), cancellationToken);
            return new LocalCompletion(result.Text, result.FinishReason, promptTokens.Length, result.Tokens.Count,
                result.Logprobs?.Select(logprobs => ScoredToken.Of(logprobs, tokenizer)).ToList());
        }, cancellationToken);
    }

    public async IAsyncEnumerable<StreamedToken> StreamAsync(LocalModelDefinition model, string prompt, GenerationOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tokenizer = tokenizers.For(model.Config);
        var generator = new Generator(await cache.GetAsync(model, cancellationToken), tokenizer);
        await foreach (var token in generator.StreamAsync(prompt, WithStopToken(tokenizer, options), cancellationToken))
        {
            yield return new StreamedToken(token.Text, token.FinishReason, token.Logprobs is { } logprobs ? ScoredToken.Of(logprobs, tokenizer) : null);
        }
    }

    /// <summary>Prompt tokens the model sees: generation keeps only the last context_size of them, and only those are tokenized.</summary>
    private int[] PromptTokens(LocalModelDefinition model, string prompt, CancellationToken cancellationToken) =>
        tokenizers.For(model.Config).EncodeLast(prompt, model.Config.ContextSize, cancellationToken);

    /// <summary>GPT-2's vocabulary ends documents with &lt;|endoftext|&gt;; the byte level has no such token.</summary>
    private static GenerationOptions WithStopToken(Gpt2Tokenizer tokenizer, GenerationOptions options) =>
        tokenizer.EndOfTextId is { } endOfText ? options with { StopTokens = [endOfText] } : options;
}
