namespace Platform.Transformer.Kernels;

/// <summary>
/// The right-hand operand B (Rows = K × Columns = N) of <see cref="Gemm"/>, stored as column panels of
/// <see cref="Gemm.NR"/> columns; each panel is K rows of NR contiguous floats, so the GEMM micro-kernel
/// streams it linearly and any prefix of rows (a K range) is contiguous too. Columns past N are zero.
/// </summary>
internal sealed class PackedMatrix
{
    private readonly float[] _data;
    private readonly int _offset;

    /// <summary>Zeroed matrix on its own 64-byte-aligned, pinned storage (for weights and caches).</summary>
    public PackedMatrix(int rows, int columns)
    {
        Rows = rows;
        Columns = columns;
        PanelCount = (columns + Gemm.NR - 1) / Gemm.NR;
        (_data, _offset) = AlignedArray.Allocate((long)PanelCount * rows * Gemm.NR);
    }

    /// <summary>Matrix over caller-owned (e.g. pooled) storage: <see cref="Length"/> floats from <paramref name="offset"/>.</summary>
    public PackedMatrix(int rows, int columns, float[] storage, int offset)
    {
        Rows = rows;
        Columns = columns;
        PanelCount = (columns + Gemm.NR - 1) / Gemm.NR;
        ArgumentOutOfRangeException.ThrowIfLessThan(storage.Length - offset, Length(rows, columns));
        _data = storage;
        _offset = offset;
    }

    public int Rows { get; }
    public int Columns { get; }
    public int PanelCount { get; }

    public static int Length(int rows, int columns) => (columns + Gemm.NR - 1) / Gemm.NR * rows * Gemm.NR;

    public Span<float> Data => _data.AsSpan(_offset, PanelCount * Rows * Gemm.NR);

    /// <summary>Packs a row-major (rows × columns) source, e.g. a Conv1D weight stored input-major.</summary>
    public static PackedMatrix FromRowMajor(ReadOnlySpan<float> source, int rows, int columns)
    {
        var packed = new PackedMatrix(rows, columns);
        var data = packed.Data;
        for (int panel = 0; panel < packed.PanelCount; panel++)
        {
            int firstColumn = panel * Gemm.NR;
            int width = Math.Min(Gemm.NR, columns - firstColumn);
            for (int row = 0; row < rows; row++)
                source.Slice(row * columns + firstColumn, width).CopyTo(data.Slice((panel * rows + row) * Gemm.NR, width));
        }
        return packed;
    }

    /// <summary>Packs the transpose of a row-major (columns × rows) source, e.g. wte (V, C) as the (C, V) output head.</summary>
    public static PackedMatrix FromTransposed(ReadOnlySpan<float> source, int rows, int columns)
    {
        var packed = new PackedMatrix(rows, columns);
        for (int column = 0; column < columns; column++)
            packed.SetColumn(column, source.Slice(column * rows, rows));
        return packed;
    }

    public void SetColumn(int column, ReadOnlySpan<float> values)
    {
        var panel = Data.Slice(column / Gemm.NR * Rows * Gemm.NR);
        int lane = column % Gemm.NR;
        for (int row = 0; row < values.Length; row++) panel[row * Gemm.NR + lane] = values[row];
    }

    public void CopyColumn(int column, Span<float> destination)
    {
        var panel = Data.Slice(column / Gemm.NR * Rows * Gemm.NR);
        int lane = column % Gemm.NR;
        for (int row = 0; row < destination.Length; row++) destination[row] = panel[row * Gemm.NR + lane];
    }

    public void SetRow(int row, ReadOnlySpan<float> values)
    {
        var data = Data;
        for (int panel = 0; panel < PanelCount; panel++)
        {
            int firstColumn = panel * Gemm.NR;
            int width = Math.Min(Gemm.NR, values.Length - firstColumn);
            values.Slice(firstColumn, width).CopyTo(data.Slice((panel * Rows + row) * Gemm.NR, width));
        }
    }

    public void CopyRow(int row, Span<float> destination)
    {
        var data = Data;
        for (int panel = 0; panel < PanelCount; panel++)
        {
            int firstColumn = panel * Gemm.NR;
            int width = Math.Min(Gemm.NR, destination.Length - firstColumn);
            data.Slice((panel * Rows + row) * Gemm.NR, width).CopyTo(destination.Slice(firstColumn, width));
        }
    }
}
