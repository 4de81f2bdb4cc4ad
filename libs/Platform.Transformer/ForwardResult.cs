namespace Platform.Transformer;

/// <summary>Logits of a forward pass, (rows, vocab_size) row-major, with the MoE outputs of each layer.</summary>
public sealed class ForwardResult(float[] logits, int rows, int vocabSize, IReadOnlyList<MoeLayerStats> moe)
{
    public float[] Logits { get; } = logits;
    public int Rows { get; } = rows;
    public int VocabSize { get; } = vocabSize;

    /// <summary>Per MoE layer: expert usage and load-balancing loss (empty without <c>use_moe</c>).</summary>
    public IReadOnlyList<MoeLayerStats> Moe { get; } = moe;

    public ReadOnlySpan<float> Row(int row) => Logits.AsSpan(row * VocabSize, VocabSize);
}
