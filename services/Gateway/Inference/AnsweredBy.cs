namespace Platform.Gateway.Inference;

/// <summary>The engine, model and deployment that answered (a registered model may fall back to another).</summary>
public sealed record AnsweredBy(string Engine, string ModelName, string Deployment);
