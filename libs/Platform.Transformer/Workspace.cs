using System.Buffers;

namespace Platform.Transformer;

/// <summary>Activation buffers of one forward pass over <c>rows</c> tokens, rented from the shared pool.</summary>
internal sealed class Workspace : IDisposable
{
    public Workspace(TransformerConfig config, int rows)
    {
        int c = config.NEmbed;
        X = Rent(rows * c);
        Normed = Rent(rows * c);
        Qkv = Rent(rows * 3 * c);
        Attended = Rent(rows * c);
        Hidden = Rent(rows * config.HiddenSize);
        if (config.UseMoe)
        {
            RouterLogits = Rent(rows * config.MoeNumExperts);
            ExpertInput = Rent(rows * c);
            ExpertOutput = Rent(rows * c);
        }
    }

    /// <summary>The residual stream (T, C).</summary>
    public float[] X { get; }

    /// <summary>LayerNorm output (T, C).</summary>
    public float[] Normed { get; }

    /// <summary>Queries, keys and values (T, 3C).</summary>
    public float[] Qkv { get; }

    /// <summary>Attention output before c_proj (T, C).</summary>
    public float[] Attended { get; }

    /// <summary>MLP hidden activations (T, ffn_hidden_multiplier · C).</summary>
    public float[] Hidden { get; }

    /// <summary>Router logits, then probabilities (T, n_experts).</summary>
    public float[] RouterLogits { get; } = [];

    /// <summary>The rows routed to one expert, gathered (≤ T, C).</summary>
    public float[] ExpertInput { get; } = [];

    /// <summary>That expert's output for those rows (≤ T, C).</summary>
    public float[] ExpertOutput { get; } = [];

    public void Dispose()
    {
        foreach (var buffer in new[] { X, Normed, Qkv, Attended, Hidden, RouterLogits, ExpertInput, ExpertOutput })
            if (buffer.Length > 0) ArrayPool<float>.Shared.Return(buffer);
    }

    private static float[] Rent(int length) => ArrayPool<float>.Shared.Rent(length);
}
