namespace Platform.Gateway.Inference;

/// <summary>What the Gateway needs to shape the answer of an async request: stored with its task, never with the API key.</summary>
public sealed record AsyncRequestRecord(string Task, string Engine, string ModelName, InferenceRequestOptions Options);
