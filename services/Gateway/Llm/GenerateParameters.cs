namespace Platform.Gateway.Llm;

public sealed record GenerateParameters(double? Temperature, int? MaxTokens, double? TopP, bool? Stream);
