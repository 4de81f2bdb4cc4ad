namespace Platform.TransformerWorker.TransformerApi;

public sealed record ModelInfo(long TotalParameters, double ModelSizeMb, double DeviceMemoryMb);
