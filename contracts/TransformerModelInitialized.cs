namespace Platform.Contracts;

/// <summary>
/// Event: a TransformerWorker replica initialized the transformer API's model; every replica makes the same
/// model current. A config and a weight seed fix every weight, so each replica builds identical bits.
/// </summary>
/// <param name="ConfigJson">The validated config with every field, as `/initialize` answered it.</param>
/// <param name="InitializedAt">When the model became current; the latest initialization wins on every replica.</param>
public sealed record TransformerModelInitialized(string ConfigJson, int Seed, DateTimeOffset InitializedAt);
