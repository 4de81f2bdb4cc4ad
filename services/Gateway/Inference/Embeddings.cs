namespace Platform.Gateway.Inference;

/// <summary>Embedding vectors and the prompt tokens they cost (estimated when the provider does not say).</summary>
public sealed record Embeddings(IReadOnlyList<float[]> Vectors, int PromptTokens, bool Estimated);
