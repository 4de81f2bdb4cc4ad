namespace Platform.TransformerWorker.Health;

public sealed record PingResponse(string Message, DateTime Timestamp);
