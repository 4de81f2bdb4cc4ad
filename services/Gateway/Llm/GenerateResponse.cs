namespace Platform.Gateway.Llm;

public sealed record GenerateResponse(string Id, string Model, IReadOnlyList<GenerateChoice> Choices, UsageView Usage, CostView Cost);
