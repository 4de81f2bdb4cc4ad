using System.Buffers;
using Platform.Transformer.Kernels;

namespace Platform.Transformer.Weights;

/// <summary>
/// Feeds checkpoint tensors to the model's constructors a chunk of rows at a time, so building a model never
/// holds a whole unpacked tensor beside the packed weights (memory stays at the model's own size).
/// </summary>
internal sealed class ParameterReader(TensorReader read)
{
    private const int ChunkElements = 1 << 16;

    public float[] ReadArray(string name, int length)
    {
        var values = new float[length];
        read(name, 0, values);
        return values;
    }

    /// <summary>
    /// A (rows × columns) checkpoint matrix packed for the GEMM, or its transpose when <paramref name="transposed"/>
    /// (then the checkpoint holds (columns × rows), e.g. wte (V, C) read as the (C, V) output head).
    /// </summary>
    public PackedMatrix ReadPacked(string name, int rows, int columns, bool transposed = false)
    {
        var packed = new PackedMatrix(rows, columns);
        int lineLength = transposed ? rows : columns;
        int lines = transposed ? columns : rows;
        int linesPerChunk = Math.Max(1, ChunkElements / lineLength);
        int chunks = (lines + linesPerChunk - 1) / linesPerChunk;
        Parallel.For(0, chunks, chunk =>
        {
            int first = chunk * linesPerChunk;
            int count = Math.Min(linesPerChunk, lines - first);
            var buffer = ArrayPool<float>.Shared.Rent(count * lineLength);
            read(name, (long)first * lineLength, buffer.AsSpan(0, count * lineLength));
            for (int line = 0; line < count; line++)
            {
                var values = buffer.AsSpan(line * lineLength, lineLength);
                if (transposed) packed.SetColumn(first + line, values);
                else packed.SetRow(first + line, values);
            }
            ArrayPool<float>.Shared.Return(buffer);
        });
        return packed;
    }
}
