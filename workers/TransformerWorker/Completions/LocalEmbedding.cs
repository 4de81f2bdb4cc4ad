namespace Platform.TransformerWorker.Completions;

/// <summary>One text's embedding and the tokens it was made from.</summary>
public sealed record LocalEmbedding(float[] Vector, int Tokens);
