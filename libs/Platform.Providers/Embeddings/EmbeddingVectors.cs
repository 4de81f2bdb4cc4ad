namespace Platform.Providers.Embeddings;

/// <summary>One vector per input, in input order, and the prompt tokens they cost (estimated when the provider does not say).</summary>
public sealed record EmbeddingVectors(IReadOnlyList<float[]> Vectors, int PromptTokens, bool Estimated);
