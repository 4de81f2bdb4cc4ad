using System.Runtime.CompilerServices;
using System.Text;

namespace Platform.Transformer;

/// <summary>Autoregressive decoding with a <see cref="GptModel"/> and a <see cref="Gpt2Tokenizer"/>.</summary>
public sealed class Generator(GptModel model, Gpt2Tokenizer tokenizer)
{
    public GenerationResult Generate(string prompt, GenerationOptions options, CancellationToken cancellationToken = default) =>
        Collect(Stream(prompt, options, cancellationToken));

    public GenerationResult Generate(IReadOnlyList<int> prompt, GenerationOptions options, CancellationToken cancellationToken = default) =>
        Collect(Stream(prompt, options, cancellationToken));

    public IEnumerable<GeneratedToken> Stream(string prompt, GenerationOptions options, CancellationToken cancellationToken = default) =>
        Stream(tokenizer.EncodeLast(prompt, model.Config.ContextSize, cancellationToken), options, cancellationToken);

    /// <summary>
    /// Generates after <paramref name="prompt"/> (cropped to its last context_size tokens, as nanoGPT does).
    /// The forward passes run lazily as the sequence is enumerated.
    /// </summary>
    public IEnumerable<GeneratedToken> Stream(IReadOnlyList<int> prompt, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var tokens = prompt.Skip(Math.Max(0, prompt.Count - model.Config.ContextSize)).ToList();
        if (tokens.Count == 0)
        {
            if (tokenizer.EndOfTextId is not { } endOfText) throw new ArgumentException("the prompt must not be empty", nameof(prompt));
            tokens.Add(endOfText);
        }
        return Decode(tokens, options, cancellationToken);
    }

    /// <summary>The same stream, with each forward pass run on the thread pool.</summary>
    public async IAsyncEnumerable<GeneratedToken> StreamAsync(
        string prompt, GenerationOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var steps = Stream(prompt, options, cancellationToken).GetEnumerator();
        while (await Task.Run(steps.MoveNext, cancellationToken).ConfigureAwait(false)) yield return steps.Current;
    }

    private IEnumerable<GeneratedToken> Decode(List<int> tokens, GenerationOptions options, CancellationToken cancellationToken)
    {
        var cache = options.UseKvCache ? model.CreateKvCache() : null;
        var logits = new float[model.Config.VocabSize];
        var sampler = new Sampler(options, logits.Length);
        var text = new StreamingText(tokenizer, options.StopSequences);
        var scorer = options.TopLogprobs is { } top ? new LogprobScorer(top) : null;
        model.Forward(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens), logits, cache);
        for (int generated = 1; ; generated++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int next = sampler.Sample(logits);
            var logprobs = scorer?.Score(logits, next);
            tokens.Add(next);
            if (options.StopTokens.Contains(next))
            {
                yield return new GeneratedToken(next, text.Flush(), FinishReason.Stop, logprobs);
                yield break;
            }
            var (released, stopped) = text.Append(next);
            if (stopped)
            {
                yield return new GeneratedToken(next, released, FinishReason.Stop, logprobs);
                yield break;
            }
            if (generated == options.MaxNewTokens || tokens.Count >= model.Config.ContextSize)
            {
                yield return new GeneratedToken(next, released + text.Flush(), FinishReason.Length, logprobs);
                yield break;
            }
            yield return new GeneratedToken(next, released, null, logprobs);
            var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens);
            model.Forward(cache is null ? all : all[^1..], logits, cache);
        }
    }

    private static GenerationResult Collect(IEnumerable<GeneratedToken> stream)
    {
        var ids = new List<int>();
        var text = new StringBuilder();
        var finish = FinishReason.Length;
        List<TokenLogprobs>? logprobs = null;
        foreach (var token in stream)
        {
            ids.Add(token.Id);
            text.Append(token.Text);
            finish = token.FinishReason ?? finish;
            if (token.Logprobs is { } scored) (logprobs ??= []).Add(scored);
        }
        return new GenerationResult(ids, text.ToString(), finish, logprobs);
    }
}
