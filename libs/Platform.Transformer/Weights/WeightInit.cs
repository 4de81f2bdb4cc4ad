namespace Platform.Transformer.Weights;

/// <summary>
/// nanoGPT's initialisation, reproducible on any machine: each block of 1024 elements of a tensor draws from
/// its own SplitMix64 stream keyed by (seed, name, block), so values depend neither on the platform nor on the
/// order or chunking in which they are produced. Linear and embedding weights ~ N(0, 0.02), residual
/// projections (c_proj) ~ N(0, 0.02/√(2·n_layer)), LayerNorm weights 1, biases 0.
/// </summary>
internal static class WeightInit
{
    private const double Std = 0.02;
    private const int BlockSize = 1024;
    private const double Ln2 = 0.69314718055994530942;

    public static float[] Generate(TensorSpec spec, int seed, int layerCount)
    {
        var values = new float[spec.ElementCount];
        Fill(spec, seed, layerCount, 0, values);
        return values;
    }

    /// <summary>Writes elements [offset, offset + destination.Length) of the tensor.</summary>
    public static void Fill(TensorSpec spec, int seed, int layerCount, long offset, Span<float> destination)
    {
        string name = spec.Name;
        if (name.EndsWith(".bias", StringComparison.Ordinal))
        {
            destination.Clear();
            return;
        }
        if (name.Contains(".ln_", StringComparison.Ordinal) || name.StartsWith("ln_f.", StringComparison.Ordinal))
        {
            destination.Fill(1f);
            return;
        }
        double std = name.EndsWith("c_proj.weight", StringComparison.Ordinal) ? Std / Math.Sqrt(2.0 * layerCount) : Std;
        ulong stream = ((ulong)(uint)seed << 32) ^ Fnv1a(name);
        Span<float> block = stackalloc float[BlockSize];
        long end = offset + destination.Length;
        for (long blockStart = offset / BlockSize * BlockSize; blockStart < end; blockStart += BlockSize)
        {
            NormalBlock(new SplitMix64(stream ^ ((ulong)(blockStart / BlockSize + 1) * 0xD1B54A32D192ED03)), std, block);
            long from = Math.Max(offset, blockStart), to = Math.Min(end, blockStart + BlockSize);
            block.Slice((int)(from - blockStart), (int)(to - from)).CopyTo(destination.Slice((int)(from - offset)));
        }
    }

    /// <summary>Marsaglia's polar method: pairs of independent normals from uniform points in the unit disc.</summary>
    private static void NormalBlock(SplitMix64 random, double std, Span<float> values)
    {
        for (int i = 0; i < values.Length; i += 2)
        {
            double u, v, s;
            do
            {
                u = 2 * random.NextUnit() - 1;
                v = 2 * random.NextUnit() - 1;
                s = u * u + v * v;
            }
            while (s >= 1 || s == 0);
            double factor = std * Math.Sqrt(-2 * Log(s) / s);
            values[i] = (float)(u * factor);
            if (i + 1 < values.Length) values[i + 1] = (float)(v * factor);
        }
    }

    /// <summary>
    /// Natural log of a positive normal double from + − × ÷ alone (which IEEE 754 rounds identically everywhere,
    /// unlike the C library's log): x = 2^e · m with m in [√½, √2), ln m = 2 atanh((m − 1)/(m + 1)) as a series.
    /// </summary>
    private static double Log(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        double mantissa = BitConverter.Int64BitsToDouble((bits & 0xFFFFFFFFFFFFFL) | (1023L << 52));
        if (mantissa > Math.Sqrt(2))
        {
            mantissa /= 2;
            exponent++;
        }
        double z = (mantissa - 1) / (mantissa + 1), z2 = z * z, series = 0;
        for (int term = 25; term >= 1; term -= 2) series = series * z2 + 1.0 / term;
        return exponent * Ln2 + 2 * z * series;
    }

    private static ulong Fnv1a(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (char character in text) hash = (hash ^ character) * 1099511628211;
        return hash;
    }
}
