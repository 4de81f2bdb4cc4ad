using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Platform.Transformer.Weights;

/// <summary>
/// Reader of the safetensors format: an 8-byte little-endian header length, a JSON header mapping names to
/// {dtype, shape, data_offsets}, then the raw little-endian data. Tensors are read in chunks at any offset,
/// so loading never holds a whole unpacked tensor. F32, F16 and BF16 are converted to float.
/// </summary>
public sealed class SafetensorsFile : IDisposable
{
    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _handle;
    private readonly long _dataStart;
    private readonly Dictionary<string, SafetensorsEntry> _byName;

    private SafetensorsFile(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long dataStart, List<SafetensorsEntry> entries)
    {
        _handle = handle;
        _dataStart = dataStart;
        Entries = entries;
        _byName = entries.ToDictionary(entry => entry.Name);
    }

    /// <summary>Tensors in header order.</summary>
    public IReadOnlyList<SafetensorsEntry> Entries { get; }

    public static SafetensorsFile Open(string path)
    {
        var handle = File.OpenHandle(path);
        try
        {
            long fileLength = RandomAccess.GetLength(handle);
            Span<byte> lengthBytes = stackalloc byte[8];
            if (fileLength < 8 || RandomAccess.Read(handle, lengthBytes, 0) != 8) throw Invalid(path, "shorter than its 8-byte header length");
            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
            if (headerLength > (ulong)(fileLength - 8) || headerLength > 100_000_000) throw Invalid(path, $"header length {headerLength} exceeds the file");
            var header = new byte[headerLength];
            RandomAccess.Read(handle, header, 8);
            long dataStart = 8 + (long)headerLength;
            var entries = ParseHeader(path, header, fileLength - dataStart);
            return new SafetensorsFile(handle, dataStart, entries);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Elements [offset, offset + destination.Length) of a tensor, in row-major order, as floats.</summary>
    public void Read(string name, long offset, Span<float> destination)
    {
        var entry = _byName[name];
        long position = _dataStart + entry.Begin;
        switch (entry.Dtype)
        {
            case "F32":
                if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian");
                ReadExactly(MemoryMarshal.AsBytes(destination), position + offset * 4, name);
                break;
            case "F16":
            case "BF16":
                var raw = ArrayPool<byte>.Shared.Rent(destination.Length * 2);
                ReadExactly(raw.AsSpan(0, destination.Length * 2), position + offset * 2, name);
                for (int i = 0; i < destination.Length; i++)
                {
                    ushort bits = BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(i * 2));
                    destination[i] = entry.Dtype == "F16" ? (float)BitConverter.UInt16BitsToHalf(bits) : BitConverter.Int32BitsToSingle(bits << 16);
                }
                ArrayPool<byte>.Shared.Return(raw);
                break;
            default:
                throw new NotSupportedException($"tensor {name} has dtype {entry.Dtype}; only F32, F16 and BF16 are supported");
        }
    }

    private void ReadExactly(Span<byte> destination, long position, string name)
    {
        while (!destination.IsEmpty)
        {
            int read = RandomAccess.Read(_handle, destination, position);
            if (read == 0) throw new EndOfStreamException($"tensor {name} is cut short");
            destination = destination[read..];
            position += read;
        }
    }

    public void Dispose() => _handle.Dispose();

    private static List<SafetensorsEntry> ParseHeader(string path, byte[] header, long dataLength)
    {
        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' '));
        var entries = new List<SafetensorsEntry>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__") continue;
            var value = property.Value;
            string dtype = value.GetProperty("dtype").GetString() ?? "";
            int[] shape = value.GetProperty("shape").EnumerateArray().Select(size => size.GetInt32()).ToArray();
            long[] offsets = value.GetProperty("data_offsets").EnumerateArray().Select(offset => offset.GetInt64()).ToArray();
            long elementSize = dtype switch { "F32" => 4, "F16" or "BF16" => 2, _ => 0 };
            long elements = shape.Aggregate(1L, (product, size) => product * size);
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] > dataLength || (elementSize > 0 && offsets[1] - offsets[0] != elements * elementSize))
                throw Invalid(path, $"tensor {property.Name} has data_offsets [{string.Join(", ", offsets)}] that do not fit its shape and the file");
            entries.Add(new SafetensorsEntry(property.Name, dtype, shape, offsets[0], offsets[1]));
        }
        return entries;
    }

    private static InvalidDataException Invalid(string path, string reason) => new($"{path} is not a safetensors file: {reason}");
}
