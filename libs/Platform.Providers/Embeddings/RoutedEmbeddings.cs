using Platform.Providers.Routing;

namespace Platform.Providers.Embeddings;

/// <summary>Embeddings and who gave them (after balancing and any fallback).</summary>
public sealed record RoutedEmbeddings(EmbeddingVectors Vectors, ModelDeployment AnsweredBy, int Attempts, TimeSpan Elapsed);
