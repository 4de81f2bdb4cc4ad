using Platform.Transformer;

namespace Platform.TransformerWorker.TransformerApi;

public sealed record InitializeResponse(bool Success, string Message, TransformerConfig Config);
