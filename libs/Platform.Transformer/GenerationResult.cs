using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization;
using Platform.Transformer.Kernels;
using Platform.Transformer.Weights;

namespace Platform.Transformer;

public sealed record GenerationResult(IReadOnlyList<int> Tokens, string Text, FinishReason FinishReason, IReadOnlyList<TokenLogprobs>? Logprobs = null);
