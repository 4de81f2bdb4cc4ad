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
