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
