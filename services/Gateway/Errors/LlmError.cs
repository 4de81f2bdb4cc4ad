namespace Platform.Gateway.Errors;

public sealed record LlmError(string Code, string Message, object? Details, string RequestId);
