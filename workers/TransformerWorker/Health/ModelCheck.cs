namespace Platform.TransformerWorker.Health;

public sealed record ModelCheck(string Status, bool Initialized, string Device);
