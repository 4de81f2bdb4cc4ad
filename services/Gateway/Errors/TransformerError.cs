namespace Platform.Gateway.Errors;

/// <summary>Seed 002's error body.</summary>
public sealed record TransformerError(string Detail, string ErrorCode, DateTimeOffset Timestamp);
