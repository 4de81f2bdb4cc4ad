using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization;
using Platform.Transformer.Kernels;
using Platform.Transformer.Weights;

namespace Platform.Transformer;

/// <summary>A generated token's log-probability and the most likely tokens at its position, most likely first.</summary>
public sealed record TokenLogprobs(TokenScore Token, IReadOnlyList<TokenScore> Top);
