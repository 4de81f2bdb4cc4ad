namespace Platform.Transformer.Kernels;

/// <summary>Pinned float arrays with a 64-byte-aligned start, so AVX-512 loads never split cache lines.</summary>
internal static class AlignedArray
{
    private const int AlignmentFloats = 16;

    public static unsafe (float[] Array, int Offset) Allocate(long length)
    {
        var array = GC.AllocateArray<float>(checked((int)(length + AlignmentFloats)), pinned: true);
        fixed (float* start = array)
        {
            int misalignment = (int)((nuint)start % (AlignmentFloats * sizeof(float))) / sizeof(float);
            return (array, misalignment == 0 ? 0 : AlignmentFloats - misalignment);
        }
    }
}
