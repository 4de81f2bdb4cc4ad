using Platform.Transformer.Kernels;

namespace Platform.Transformer;

/// <summary>
/// One layer's keys and values: per head, keys as a (head_size × capacity) matrix whose column p is the key of
/// position p (the B operand of Q·Kᵀ) and values as a (capacity × head_size) matrix whose row p is the value
/// of position p (the B operand of P·V).
/// </summary>
internal sealed class LayerKv
{
    private readonly int _nEmbed;
    private readonly int _headSize;

    public LayerKv(TransformerConfig config, int capacity, float[] storage)
    {
        _nEmbed = config.NEmbed;
        _headSize = config.HeadSize;
        Keys = new PackedMatrix[config.NHead];
        Values = new PackedMatrix[config.NHead];
        int keysLength = PackedMatrix.Length(_headSize, capacity);
        int valuesLength = PackedMatrix.Length(capacity, _headSize);
        for (int head = 0; head < config.NHead; head++)
        {
            int offset = head * (keysLength + valuesLength);
            Keys[head] = new PackedMatrix(_headSize, capacity, storage, offset);
            Values[head] = new PackedMatrix(capacity, _headSize, storage, offset + keysLength);
        }
    }

    public PackedMatrix[] Keys { get; }
    public PackedMatrix[] Values { get; }

    public static int Length(TransformerConfig config, int capacity) =>
        config.NHead * (PackedMatrix.Length(config.HeadSize, capacity) + PackedMatrix.Length(capacity, config.HeadSize));

    /// <summary>Stores the keys and values of qkv rows (rows, 3C) as positions start, start + 1, ...</summary>
    public void Append(float[] qkv, int rows, int start)
    {
        Parallelism.ForRanges(Keys.Length, 2L * rows * _headSize, (firstHead, endHead) =>
        {
            for (int head = firstHead; head < endHead; head++)
            {
                for (int row = 0; row < rows; row++)
                {
                    int offset = row * 3 * _nEmbed + head * _headSize;
                    Keys[head].SetColumn(start + row, qkv.AsSpan(offset + _nEmbed, _headSize));
                    Values[head].SetRow(start + row, qkv.AsSpan(offset + 2 * _nEmbed, _headSize));
                }
            }
        });
    }
}
