namespace Platform.Gateway.Models;

public sealed record ModelVersionList(IReadOnlyList<ModelVersionView> Versions, int Total);
