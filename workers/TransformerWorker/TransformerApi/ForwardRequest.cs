using Platform.TransformerWorker.Errors;

namespace Platform.TransformerWorker.TransformerApi;

public sealed record ForwardRequest(string? Text, bool CaptureData = false, int? MaxLength = null) : IValidatedRequest
{
    public const int MaxTextLength = 10_000;
    public const int MaxSequenceLimit = 4096;

    public string? FirstError()
    {
        if (string.IsNullOrEmpty(Text))
        {
            return "输入文本不能为空";
        }

        // Characters as Python counts them (code points), not UTF-16 units.
        var characters = Text.EnumerateRunes().Count();
        if (characters > MaxTextLength)
        {
            return $"输入文本长度 {characters} 超过了上限 {MaxTextLength} 个字符";
        }

        return MaxLength is < 1 or > MaxSequenceLimit ? $"max_length 必须在 1 到 {MaxSequenceLimit} 之间，收到 {MaxLength}" : null;
    }
}
