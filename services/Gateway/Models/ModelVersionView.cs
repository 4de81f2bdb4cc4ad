namespace Platform.Gateway.Models;

/// <summary>`active`: the latest version of its model name, the one that name serves.</summary>
public sealed record ModelVersionView(Guid Id, string ModelType, string ModelName, string Version, string? Description,
    VersionConfigView Config, bool Active, DateTime CreatedAt);
