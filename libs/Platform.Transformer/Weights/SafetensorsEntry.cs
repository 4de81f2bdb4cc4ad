using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Platform.Transformer.Weights;

/// <summary>One tensor in a safetensors file: dtype, shape and byte range within the data section.</summary>
public sealed record SafetensorsEntry(string Name, string Dtype, IReadOnlyList<int> Shape, long Begin, long End);
