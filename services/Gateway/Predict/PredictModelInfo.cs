namespace Platform.Gateway.Predict;

/// <param name="Version">The registered version of the model; else the version the provider reported answering with, or the configured name.</param>
public sealed record PredictModelInfo(string ModelType, string ModelName, string Version);
