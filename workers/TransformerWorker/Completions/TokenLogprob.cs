using System.Text;

namespace Platform.TransformerWorker.Completions;

/// <summary>A token's UTF-8 bytes and log-probability.</summary>
public sealed record TokenLogprob(byte[] Bytes, double Logprob)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The token's text; a token holding part of a character is written as OpenAI does, `bytes:\xe6\x97`.</summary>
    public string Text
    {
        get
        {
            try
            {
                return StrictUtf8.GetString(Bytes);
            }
            catch (DecoderFallbackException)
            {
                return "bytes:" + string.Concat(Bytes.Select(value => $"\\x{value:x2}"));
            }
        }
    }
}
