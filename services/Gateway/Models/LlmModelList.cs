namespace Platform.Gateway.Models;

public sealed record LlmModelList(IReadOnlyList<LlmModelView> Models);
