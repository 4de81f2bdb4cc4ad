namespace Platform.Gateway.Models;

public sealed record ModelLimits(int? MaxTokens, int? ContextWindow);
