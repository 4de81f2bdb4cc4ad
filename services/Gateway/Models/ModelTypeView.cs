namespace Platform.Gateway.Models;

public sealed record ModelTypeView(string ModelType, string Description, bool Supported, IReadOnlyList<string> Examples);
