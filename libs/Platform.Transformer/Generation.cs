using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization;
using Platform.Transformer.Kernels;
using Platform.Transformer.Weights;

namespace Platform.Transformer;

/// <summary>How to pick and when to stop generating tokens.</summary>
public sealed record GenerationOptions
{
    /// <summary>Upper bound on generated tokens (generation also stops when the context is full).</summary>
    public int MaxNewTokens { get; init; } = 128;

    /// <summary>Softmax temperature; 0 picks the most likely token (greedy).</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>Sample only among the k most likely tokens (ties with the k-th kept, as nanoGPT).</summary>
    public int? TopK { get; init; }

    /// <summary>Nucleus sampling: the smallest set of most likely tokens whose probability reaches p.</summary>
    public float? TopP { get; init; }

    /// <summary>Seed of the sampling random stream; the same seed, model and options give the same tokens.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Texts that end generation; the text returned stops before them.</summary>
    public IReadOnlyList<string> StopSequences { get; init; } = [];

    /// <summary>Token ids that end generation (e.g. &lt;|endoftext|&gt;); they contribute no text.</summary>
    public IReadOnlyList<int> StopTokens { get; init; } = [];

    /// <summary>Decode with the KV cache (one token per step) rather than recomputing the whole sequence.</summary>
    public bool UseKvCache { get; init; } = true;

    /// <summary>With a value, every generated token carries its log-probability and that many most likely alternatives.</summary>
    public int? TopLogprobs { get; init; }

    public void Validate()
    {
        if (MaxNewTokens < 1) throw new ArgumentException($"max_new_tokens ({MaxNewTokens}) must be positive");
        if (!(Temperature >= 0) || float.IsInfinity(Temperature)) throw new ArgumentException($"temperature ({Temperature}) must be a finite number ≥ 0");
        if (TopK is < 1) throw new ArgumentException($"top_k ({TopK}) must be positive");
        if (TopP is { } topP && !(topP > 0 && topP <= 1)) throw new ArgumentException($"top_p ({topP}) must be in (0, 1]");
        if (StopSequences.Any(string.IsNullOrEmpty)) throw new ArgumentException("stop sequences must not be empty");
        if (TopLogprobs is < 0) throw new ArgumentException($"top_logprobs ({TopLogprobs}) must not be negative");
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<FinishReason>))]
public enum FinishReason
{
    /// <summary>max_new_tokens reached or the context is full.</summary>
    [JsonStringEnumMemberName("length")] Length,

    /// <summary>A stop sequence or stop token was generated.</summary>
    [JsonStringEnumMemberName("stop")] Stop,
}

/// <summary>A token and its log-probability: the log-softmax of the logits it was picked from, before any temperature.</summary>
public sealed record TokenScore(int Id, double Logprob);

/// <summary>A generated token's log-probability and the most likely tokens at its position, most likely first.</summary>
public sealed record TokenLogprobs(TokenScore Token, IReadOnlyList<TokenScore> Top);

/// <summary>
/// One generated token and the text it releases: text is held back while it could still be the start of a
/// stop sequence or of a multi-byte character. The last token of a stream carries the finish reason. Its
/// log-probabilities are there when <see cref="GenerationOptions.TopLogprobs"/> asks for them.
/// </summary>
public sealed record GeneratedToken(int Id, string Text, FinishReason? FinishReason, TokenLogprobs? Logprobs = null);

public sealed record GenerationResult(IReadOnlyList<int> Tokens, string Text, FinishReason FinishReason, IReadOnlyList<TokenLogprobs>? Logprobs = null);

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

/// <summary>Log-probabilities of picked tokens and the most likely alternatives, from the logits before any temperature.</summary>
internal sealed class LogprobScorer(int topCount)
{
    private readonly List<int> _top = new(topCount + 1);

    public TokenLogprobs Score(ReadOnlySpan<float> logits, int token)
    {
        // In double and in index order, so that every replica sums alike; the max keeps exp from overflowing.
        double max = TensorPrimitives.Max(logits), sum = 0;
        foreach (float logit in logits) sum += Math.Exp(logit - max);
        double logSumExp = max + Math.Log(sum);
        MostLikely(logits);
        var top = new TokenScore[_top.Count];
        for (int i = 0; i < top.Length; i++) top[i] = new TokenScore(_top[i], logits[_top[i]] - logSumExp);
        return new TokenLogprobs(new TokenScore(token, logits[token] - logSumExp), top);
    }

    /// <summary>The ids of the <c>topCount</c> largest logits into _top, largest first (the lower id first among equals).</summary>
    private void MostLikely(ReadOnlySpan<float> logits)
    {
        _top.Clear();
        for (int id = 0; id < logits.Length && topCount > 0; id++)
        {
            if (_top.Count == topCount && logits[id] <= logits[_top[^1]]) continue;
            int at = 0;
            while (at < _top.Count && logits[id] <= logits[_top[at]]) at++;
            _top.Insert(at, id);
            if (_top.Count > topCount) _top.RemoveAt(topCount);
        }
    }
}

/// <summary>Temperature, top-k and top-p sampling over reused buffers (no allocation per token).</summary>
internal sealed class Sampler(GenerationOptions options, int vocabSize)
{
    private readonly float[] _probabilities = new float[vocabSize];
    private readonly float[] _sortKeys = new float[vocabSize];
    private readonly int[] _order = new int[vocabSize];
    private SplitMix64 _random = new(options.Seed ?? (ulong)Random.Shared.NextInt64());

    public int Sample(ReadOnlySpan<float> logits)
    {
        if (options.Temperature == 0) return TensorPrimitives.IndexOfMax(logits);
        var p = _probabilities.AsSpan();
        TensorPrimitives.Divide(logits, options.Temperature, p);
        if (options.TopK is { } k && k < p.Length)
        {
            p.CopyTo(_sortKeys);
            Array.Sort(_sortKeys);
            float threshold = _sortKeys[^k];
            foreach (ref float value in p) if (value < threshold) value = float.NegativeInfinity;
        }
        Activations.Softmax(p);
        int candidates = p.Length;
        if (options.TopP is { } topP && topP < 1)
        {
            for (int i = 0; i < p.Length; i++) (_sortKeys[i], _order[i]) = (-p[i], i);
            Array.Sort(_sortKeys, _order);
            double cumulative = 0;
            candidates = 0;
            while (candidates < p.Length && cumulative < topP) cumulative -= _sortKeys[candidates++];
            return Draw(_order.AsSpan(0, candidates), cumulative);
        }
        for (int i = 0; i < p.Length; i++) _order[i] = i;
        return Draw(_order.AsSpan(0, candidates), 1.0);
    }

    /// <summary>Draws among <paramref name="ids"/> proportionally to their probabilities (summing to <paramref name="total"/>).</summary>
    private int Draw(ReadOnlySpan<int> ids, double total)
    {
        double target = _random.NextUnit() * total;
        double cumulative = 0;
        foreach (int id in ids)
        {
            cumulative += _probabilities[id];
            if (cumulative >= target) return id;
        }
        return ids[^1];
    }
}

/// <summary>Generated text released incrementally: whole characters only, and never the start of a possible stop sequence.</summary>
internal sealed class StreamingText(Gpt2Tokenizer tokenizer, IReadOnlyList<string> stopSequences)
{
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _text = new();
    private int _released;

    public (string Released, bool Stopped) Append(int token)
    {
        var bytes = tokenizer.TokenBytes(token);
        var characters = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        int count = _utf8.GetChars(bytes, characters, flush: false);
        _text.Append(characters, 0, count);
        string text = _text.ToString();

        int stop = stopSequences.Select(sequence => text.IndexOf(sequence, Math.Max(0, _released - sequence.Length), StringComparison.Ordinal))
            .Where(index => index >= 0).DefaultIfEmpty(-1).Min();
        if (stop >= 0) return (Release(text, Math.Max(stop, _released)), true);

        int heldBack = stopSequences.Select(sequence => LongestPrefixSuffix(text, sequence)).DefaultIfEmpty(0).Max();
        return (Release(text, Math.Max(_released, text.Length - heldBack)), false);
    }

    /// <summary>Everything not yet released, including an incomplete trailing character as U+FFFD.</summary>
    public string Flush()
    {
        var characters = new char[4];
        int count = _utf8.GetChars([], characters, flush: true);
        _text.Append(characters, 0, count);
        return Release(_text.ToString(), _text.Length);
    }

    private string Release(string text, int end)
    {
        string released = text[_released..end];
        _released = end;
        return released;
    }

    /// <summary>Length of the longest proper prefix of <paramref name="sequence"/> that ends <paramref name="text"/>.</summary>
    private static int LongestPrefixSuffix(string text, string sequence)
    {
        for (int length = Math.Min(sequence.Length - 1, text.Length); length > 0; length--)
            if (text.AsSpan(text.Length - length).SequenceEqual(sequence.AsSpan(0, length))) return length;
        return 0;
    }
}
