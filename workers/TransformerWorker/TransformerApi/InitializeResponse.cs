using Platform.Transformer;
using Platform.TransformerWorker.Errors;

namespace Platform.TransformerWorker.TransformerApi;

public sealed record InitializeResponse(bool Success, string Message, TransformerConfig Config);
