using System.Buffers;
using Platform.Transformer.Kernels;

namespace Platform.Transformer;

/// <summary>
/// Fixed sparse pattern of Child et al. 2019: query i sees key j ≤ i when j is within its local window
/// (i − j &lt; window) or j is a summary position, the last of a stride block ((j + 1) % stride == 0).
/// </summary>
internal sealed record SparsePattern(int Window, int Stride)
{
    public bool Allows(int query, int key) => key <= query && (query - key < Window || key % Stride == Stride - 1);

    /// <summary>
    /// Writes the keys any query in [first, last] may see, ascending: the summary positions before the first
    /// query's window, then every position from that window's start to <paramref name="last"/>. Returns the count.
    /// </summary>
    public int SelectKeys(int first, int last, Span<int> keys)
    {
        int windowStart = Math.Max(0, first - Window + 1);
        int count = 0;
        for (int key = Stride - 1; key < windowStart; key += Stride) keys[count++] = key;
        for (int key = windowStart; key <= last; key++) keys[count++] = key;
        return count;
    }

    public int MaxKeys(int first, int last) => Math.Max(0, first - Window + 1) / Stride + last - Math.Max(0, first - Window + 1) + 1;
}

/// <summary>
/// Multi-head causal self-attention: c_attn → per head softmax(q kᵀ / √head_size) v over the causal (or sparse)
/// pattern → c_proj. Work is split into (head, block of query rows) tasks over all cores; each block's scores
/// are one GEMM against the cached keys and its output one GEMM against the cached values.
/// </summary>
internal sealed class CausalSelfAttention
{
    private const int QueryBlock = 48;

    private readonly Linear _cAttn;
    private readonly Linear _cProj;
    private readonly int _nHead;
    private readonly int _headSize;
    private readonly int _nEmbed;
    private readonly float _scale;
    private readonly SparsePattern? _sparse;

    public CausalSelfAttention(Func<string, float[]> read, string name, TransformerConfig config)
    {
        _nEmbed = config.NEmbed;
        _nHead = config.NHead;
        _headSize = config.HeadSize;
        _scale = 1f / MathF.Sqrt(_headSize);
        _cAttn = new Linear(read, $"{name}.c_attn", _nEmbed, 3 * _nEmbed, config.Bias);
        _cProj = new Linear(read, $"{name}.c_proj", _nEmbed, _nEmbed, config.Bias);
        _sparse = config.UseSparseAttention ? new SparsePattern(config.SparseWindow, config.SparseStride) : null;
    }

    /// <summary>
    /// x += c_proj(attention(c_attn(normed))) for the workspace's rows at positions start.. (earlier positions
    /// come from <paramref name="kv"/>). When <paramref name="weights"/> is given it receives the probabilities,
    /// shape (n_head, rows, start + rows).
    /// </summary>
    public void Forward(Workspace ws, int rows, int start, LayerKv kv, float[]? weights)
    {
        _cAttn.Forward(ws.Normed, rows, ws.Qkv);             // (T, 3C)
        kv.Append(ws.Qkv, rows, start);
        int blocks = (rows + QueryBlock - 1) / QueryBlock;
        Parallel.For(0, _nHead * blocks, task =>
        {
            int head = task % _nHead;
            int firstRow = task / _nHead * QueryBlock;
            AttendBlock(ws, head, firstRow, Math.Min(rows, firstRow + QueryBlock), rows, start, kv, weights);
        });                                                  // (T, C) in ws.Attended
        _cProj.Forward(ws.Attended, rows, ws.X, accumulate: true);
    }

    private void AttendBlock(Workspace ws, int head, int firstRow, int endRow, int rows, int start, LayerKv kv, float[]? weights)
    {
        int m = endRow - firstRow;
        int firstQuery = start + firstRow;
        int lastQuery = start + endRow - 1;
        int totalKeys = start + rows;
        var pool = ArrayPool<float>.Shared;

        // Dense: the cached keys 0..lastQuery as they are. Sparse: only the keys this block may see, gathered.
        PackedMatrix keys = kv.Keys[head], values = kv.Values[head];
        int keyCount = lastQuery + 1;
        int[]? positions = null;
        float[]? gathered = null;
        if (_sparse is not null)
        {
            positions = ArrayPool<int>.Shared.Rent(_sparse.MaxKeys(firstQuery, lastQuery));
            keyCount = _sparse.SelectKeys(firstQuery, lastQuery, positions);
            int keysLength = PackedMatrix.Length(_headSize, keyCount);
            gathered = pool.Rent(keysLength + PackedMatrix.Length(keyCount, _headSize));
            (keys, values) = Gather(kv.Keys[head], kv.Values[head], positions.AsSpan(0, keyCount), gathered, keysLength);
        }

        var scores = pool.Rent(m * keyCount);
        try
        {
            Gemm.Multiply(ws.Qkv.AsSpan(firstRow * 3 * _nEmbed + head * _headSize), 3 * _nEmbed, m, _headSize,
                keys, keyCount, scores, keyCount, parallel: false);                          // (m, keys) = q kᵀ
            for (int row = 0; row < m; row++)
            {
                int query = firstQuery + row;
                var probabilities = scores.AsSpan(row * keyCount, keyCount);
                Normalize(query, probabilities, positions);
                if (weights is not null)
                {
                    var destination = weights.AsSpan(((head * rows) + firstRow + row) * totalKeys, totalKeys);
                    for (int column = 0; column < keyCount; column++)
                        destination[positions is null ? column : positions[column]] = probabilities[column];
                }
            }
            Gemm.Multiply(scores, keyCount, m, keyCount, values, _headSize,
                ws.Attended.AsSpan(firstRow * _nEmbed + head * _headSize), _nEmbed, parallel: false);  // (m, hs) = p v
        }
        finally
        {
            pool.Return(scores);
            if (gathered is not null) pool.Return(gathered);
            if (positions is not null) ArrayPool<int>.Shared.Return(positions);
        }
    }

    /// <summary>Scales a query's scores, masks the keys it may not see and turns the rest into probabilities.</summary>
    private void Normalize(int query, Span<float> scores, int[]? positions)
    {
        if (positions is null)
        {
            var visible = scores[..(query + 1)];
            System.Numerics.Tensors.TensorPrimitives.Multiply(visible, _scale, visible);
            Activations.Softmax(visible);
            scores[(query + 1)..].Clear();
            return;
        }
        for (int column = 0; column < scores.Length; column++)
            scores[column] = _sparse!.Allows(query, positions[column]) ? scores[column] * _scale : float.NegativeInfinity;
        Activations.Softmax(scores);
    }

    private (PackedMatrix Keys, PackedMatrix Values) Gather(
        PackedMatrix allKeys, PackedMatrix allValues, ReadOnlySpan<int> positions, float[] storage, int keysLength)
    {
        var keys = new PackedMatrix(_headSize, positions.Length, storage, 0);
        var values = new PackedMatrix(positions.Length, _headSize, storage, keysLength);
        Span<float> vector = stackalloc float[_headSize];
        for (int column = 0; column < positions.Length; column++)
        {
            allKeys.CopyColumn(positions[column], vector);
            keys.SetColumn(column, vector);
            allValues.CopyRow(positions[column], vector);
            values.SetRow(column, vector);
        }
        return (keys, values);
    }
}
