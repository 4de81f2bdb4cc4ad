namespace Platform.Gateway.Models;

public sealed record ModelParameters(double? DefaultTemperature, int? MaxTokens);
