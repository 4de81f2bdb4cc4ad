using Platform.Transformer;
using Platform.TransformerWorker.Errors;

namespace Platform.TransformerWorker.TransformerApi;

public sealed record ModelInfo(long TotalParameters, double ModelSizeMb, double DeviceMemoryMb);
