using Platform.Transformer;

namespace Platform.TransformerWorker.TransformerApi;

public sealed record StatusResponse(
    bool Initialized,
    string Device,
    TransformerConfig? Config,
    ModelInfo? ModelInfo,
    PerformanceStats PerformanceStats);
