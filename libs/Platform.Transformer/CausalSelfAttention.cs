using System.Buffers;
using System.Numerics.Tensors;
using Platform.Transformer.Kernels;
using Platform.Transformer.Weights;

namespace Platform.Transformer;

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

    public CausalSelfAttention(ParameterReader parameters, string name, TransformerConfig config)
    {
        _nEmbed = config.NEmbed;
        _nHead = config.NHead;
        _headSize = config.HeadSize;
        _scale = 1f / MathF.Sqrt(_headSize);
        _cAttn = new Linear(parameters, $"{name}.c_attn", _nEmbed, 3 * _nEmbed, config.Bias);
        _cProj = new Linear(parameters, $"{name}.c_proj", _nEmbed, _nEmbed, config.Bias);
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
        for (int row = 0; row < rows; row++)                 // q / √head_size once, rather than every score
        {
            var q = ws.Qkv.AsSpan(row * 3 * _nEmbed, _nEmbed);
            TensorPrimitives.Multiply(q, _scale, q);
        }
        kv.Append(ws.Qkv, rows, start);
        int blocks = (rows + QueryBlock - 1) / QueryBlock;
        long costPerTask = (long)Math.Min(rows, QueryBlock) * (start + rows) * _headSize / 8;   // ~16 multiply-adds per ns
        Parallelism.For(_nHead * blocks, costPerTask, task =>
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
        Span<float> inverseSums = stackalloc float[m];
        try
        {
            Gemm.Multiply(ws.Qkv.AsSpan(firstRow * 3 * _nEmbed + head * _headSize), 3 * _nEmbed, m, _headSize,
                keys, keyCount, scores, keyCount, parallel: false);                          // (m, keys) = q kᵀ / √hs
            for (int row = 0; row < m; row++)
            {
                int query = firstQuery + row;
                var probabilities = scores.AsSpan(row * keyCount, keyCount);
                inverseSums[row] = 1f / UnnormalisedProbabilities(query, probabilities, positions);
                if (weights is not null)
                {
                    var destination = weights.AsSpan(((head * rows) + firstRow + row) * totalKeys, totalKeys);
                    for (int column = 0; column < keyCount; column++)
                        destination[positions is null ? column : positions[column]] = probabilities[column] * inverseSums[row];
                }
            }
            var output = ws.Attended.AsSpan(firstRow * _nEmbed + head * _headSize);
            Gemm.Multiply(scores, keyCount, m, keyCount, values, _headSize, output, _nEmbed, parallel: false);  // (m, hs) = p v
            for (int row = 0; row < m; row++)
            {
                var outputRow = output.Slice(row * _nEmbed, _headSize);
                TensorPrimitives.Multiply(outputRow, inverseSums[row], outputRow);  // softmax's division, on hs values
            }
        }
        finally
        {
            pool.Return(scores);
            if (gathered is not null) pool.Return(gathered);
            if (positions is not null) ArrayPool<int>.Shared.Return(positions);
        }
    }

    /// <summary>
    /// Turns a query's scores into exp(score − max) over the keys it may see and 0 elsewhere; returns their sum
    /// (the division is applied to the output row, which is shorter).
    /// </summary>
    private float UnnormalisedProbabilities(int query, Span<float> scores, int[]? positions)
    {
        if (positions is null)
        {
            scores[(query + 1)..].Clear();
            return Activations.ShiftedExp(scores[..(query + 1)]);
        }
        for (int column = 0; column < scores.Length; column++)
            if (!_sparse!.Allows(query, positions[column])) scores[column] = float.NegativeInfinity;
        return Activations.ShiftedExp(scores);
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
