namespace Platform.Gateway.Models;

public sealed record ModelTypeList(IReadOnlyList<ModelTypeView> Models);
