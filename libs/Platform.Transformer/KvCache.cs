namespace Platform.Transformer;

/// <summary>
/// Keys and values of the positions already processed, per layer, kept in the packed layout the attention
/// GEMMs read, so a generation step only computes the new token's rows.
/// Create with <see cref="GptModel.CreateKvCache"/>; pass to <see cref="GptModel.Forward(ReadOnlySpan{int}, Span{float}, KvCache?, ForwardCapture?)"/>.
/// </summary>
public sealed class KvCache
{
    private readonly LayerKv[] _layers;

    internal KvCache(TransformerConfig config, int capacity)
    {
        Capacity = capacity;
        _layers = new LayerKv[config.NLayer];
        for (int layer = 0; layer < _layers.Length; layer++)
        {
            var storage = new float[LayerKv.Length(config, capacity)];
            _layers[layer] = new LayerKv(config, capacity, storage);
        }
    }

    /// <summary>Positions the cache can hold (at most the context size).</summary>
    public int Capacity { get; }

    /// <summary>Positions cached so far; the next forward pass continues at this position.</summary>
    public int Length { get; internal set; }

    /// <summary>Forgets every cached position (the storage is reused).</summary>
    public void Clear() => Length = 0;

    internal LayerKv this[int layer] => _layers[layer];
}
