namespace Platform.Providers.Embeddings;

/// <summary>Why an embeddings request cannot be served, and the parameter at fault.</summary>
public sealed record EmbeddingsRequestProblem(string Message, string Param);
