using Platform.Transformer;

namespace Platform.TransformerWorker.TransformerApi;

public sealed record ForwardResponse(
    bool Success,
    string Message,
    IReadOnlyList<int> LogitsShape,
    int SequenceLength,
    ForwardCapture? CapturedData,
    double ProcessingTime);
