namespace Platform.TransformerWorker.TransformerApi;

/// <summary>Seed 002's error body.</summary>
public sealed record TransformerError(string Detail, string ErrorCode, DateTime Timestamp);
