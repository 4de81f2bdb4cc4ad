using Platform.Llm.Data.Registry;

namespace Platform.Providers.Registry;

/// <summary>The stored version, or why not: it was registered before, or its config is refused (<see cref="Errors"/>).</summary>
/// <summary><paramref name="NameTaken"/>: the name serves another model (declared, configured, or of another type) and no replace was asked.</summary>
public sealed record VersionRegistration(StoredModelVersion? Version, bool AlreadyRegistered, IReadOnlyList<string> Errors, bool NameTaken = false);
