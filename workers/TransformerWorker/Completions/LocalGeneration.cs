using System.Runtime.CompilerServices;
using Platform.Transformer;
using Platform.TransformerWorker.Models;

namespace Platform.TransformerWorker.Completions;

/// <summary>A whole completion with its token counts and, when asked for, each generated token's log-probabilities.</summary>
public sealed record LocalCompletion(string Text, FinishReason FinishReason, int PromptTokens, int CompletionTokens, IReadOnlyList<ScoredToken>? Logprobs);

/// <summary>A streamed token's text (possibly empty while held back), the finish reason on the last, and its log-probabilities when asked for.</summary>
public sealed record StreamedToken(string Text, FinishReason? FinishReason, ScoredToken? Logprobs);

/// <summary>Text generation with the named models of this worker, loaded through the model cache.</summary>
public sealed class LocalGeneration(LocalModelCatalog catalog, ModelCache cache, Gpt2Tokenizer tokenizer)
{
    /// <summary>Generated tokens when a request does not say.</summary>
    public const int DefaultMaxTokens = 128;

    public IReadOnlyCollection<string> ModelNames => catalog.Names;

    public ModelDefinition? Find(string? name) => name is null ? null : catalog.Find(name);

    public int CountPromptTokens(ModelDefinition model, string prompt) => PromptTokens(model, prompt).Length;

    /// <summary>Generates a completion; with <see cref="GenerationOptions.TopLogprobs"/>, also each token's log-probability and that many alternatives.</summary>
    public async Task<LocalCompletion> CompleteAsync(ModelDefinition model, string prompt, GenerationOptions options, CancellationToken cancellationToken)
    {
        var weights = await cache.GetAsync(model, cancellationToken);
        var promptTokens = PromptTokens(model, prompt);
        return await Task.Run(() =>
        {
            var result = new Generator(weights, tokenizer).Generate(promptTokens, WithStopToken(options), cancellationToken);
            return new LocalCompletion(result.Text, result.FinishReason, promptTokens.Length, result.Tokens.Count, result.Logprobs?.Select(Describe).ToList());
        }, cancellationToken);
    }

    public async IAsyncEnumerable<StreamedToken> StreamAsync(ModelDefinition model, string prompt, GenerationOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var generator = new Generator(await cache.GetAsync(model, cancellationToken), tokenizer);
        await foreach (var token in generator.StreamAsync(prompt, WithStopToken(options), cancellationToken))
        {
            yield return new StreamedToken(token.Text, token.FinishReason, token.Logprobs is { } logprobs ? Describe(logprobs) : null);
        }
    }

    private ScoredToken Describe(TokenLogprobs logprobs) => ScoredToken.Of(logprobs, tokenizer);

    /// <summary>Prompt tokens the model sees: generation keeps only the last context_size of them.</summary>
    private int[] PromptTokens(ModelDefinition model, string prompt)
    {
        var tokens = tokenizer.Encode(prompt);
        return tokens.Length > model.Config.ContextSize ? tokens[^model.Config.ContextSize..] : tokens;
    }

    /// <summary>A real GPT-2 vocabulary ends documents with &lt;|endoftext|&gt;; the byte-level fallback has no such token.</summary>
    private GenerationOptions WithStopToken(GenerationOptions options) =>
        tokenizer.EndOfTextId is { } endOfText ? options with { StopTokens = [endOfText] } : options;
}
