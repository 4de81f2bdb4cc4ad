using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization;
using Platform.Transformer.Kernels;
using Platform.Transformer.Weights;

namespace Platform.Transformer;

/// <summary>A token and its log-probability: the log-softmax of the logits it was picked from, before any temperature.</summary>
public sealed record TokenScore(int Id, double Logprob);
