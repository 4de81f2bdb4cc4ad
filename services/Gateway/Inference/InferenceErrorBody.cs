namespace Platform.Gateway.Inference;

public sealed record InferenceErrorBody(string Type, string Message, string Code, object? Details);
