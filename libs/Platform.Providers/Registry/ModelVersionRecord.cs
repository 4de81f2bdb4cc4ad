using Platform.Llm.Data.Registry;

namespace Platform.Providers.Registry;

/// <summary>A registered version as listed: never its key, at most a hint of it.</summary>
public sealed record ModelVersionRecord(StoredModelVersion Version, string? ApiKeyHint, bool Active);
