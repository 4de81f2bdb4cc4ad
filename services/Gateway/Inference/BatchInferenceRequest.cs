namespace Platform.Gateway.Inference;

/// <summary>`POST /inference/batch`: 1 to 100 requests, run one after another or in parallel.</summary>
public sealed record BatchInferenceRequest(IReadOnlyList<InferenceRequest?>? Requests, bool? Parallel);
