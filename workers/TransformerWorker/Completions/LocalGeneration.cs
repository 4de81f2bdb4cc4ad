using System.Runtime.CompilerServices;
using Platform.Transformer;
using Platform.TransformerWorker.Models;

namespace Platform.TransformerWorker.Completions;

/// <summary>A whole completion with its token counts.</summary>
public sealed record LocalCompletion(string Text, FinishReason FinishReason, int PromptTokens, int CompletionTokens);

/// <summary>Text generation with the named models of this worker, loaded through the model cache.</summary>
public sealed class LocalGeneration(LocalModelCatalog catalog, ModelCache cache, Gpt2Tokenizer tokenizer)
{
    /// <summary>Generated tokens when a request does not say.</summary>
    public const int DefaultMaxTokens = 128;

    public IReadOnlyCollection<string> ModelNames => catalog.Names;

    public ModelDefinition? Find(string? name) => name is null ? null : catalog.Find(name);

    /// <summary>Prompt tokens the model sees: generation keeps only the last context_size of them.</summary>
    public int CountPromptTokens(ModelDefinition model, string prompt) => Math.Min(tokenizer.Encode(prompt).Length, model.Config.ContextSize);

    public async Task<LocalCompletion> CompleteAsync(ModelDefinition model, string prompt, GenerationOptions options,
        CancellationToken cancellationToken)
    {
        var generator = await GeneratorAsync(model, cancellationToken);
        var result = await Task.Run(() => generator.Generate(prompt, WithStopToken(options), cancellationToken), cancellationToken);
        return new LocalCompletion(result.Text, result.FinishReason, CountPromptTokens(model, prompt), result.Tokens.Count);
    }

    public async IAsyncEnumerable<GeneratedToken> StreamAsync(ModelDefinition model, string prompt, GenerationOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var generator = await GeneratorAsync(model, cancellationToken);
        await foreach (var token in generator.StreamAsync(prompt, WithStopToken(options), cancellationToken))
        {
            yield return token;
        }
    }

    private async Task<Generator> GeneratorAsync(ModelDefinition model, CancellationToken cancellationToken) =>
        new(await cache.GetAsync(model, cancellationToken), tokenizer);

    /// <summary>A real GPT-2 vocabulary ends documents with &lt;|endoftext|&gt;; the byte-level fallback has no such token.</summary>
    private GenerationOptions WithStopToken(GenerationOptions options) =>
        tokenizer.EndOfTextId is { } endOfText ? options with { StopTokens = [endOfText] } : options;
}
