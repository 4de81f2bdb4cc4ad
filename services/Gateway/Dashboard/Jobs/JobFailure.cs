namespace Platform.Gateway.Dashboard.Jobs;

public sealed record JobFailure(string TaskId, string Error, string? ErrorCode, string ModelType, string ModelName);
