namespace Platform.TransformerWorker.TransformerApi;

public sealed record PerformanceStats(long TotalInferences, double AverageInferenceTime, double LastInferenceTime);
