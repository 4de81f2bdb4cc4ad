namespace Platform.TransformerWorker.TransformerApi;

public sealed record ForwardRequest(string? Text, bool CaptureData = false, int? MaxLength = null)
{
    public const int MaxTextLength = 10_000;
    public const int MaxSequenceLimit = 4096;
}
