using System.Numerics.Tensors;
using System.Text;

namespace Platform.Transformer;

/// <summary>Generated text released incrementally: whole characters only, and never the start of a possible stop sequence.</summary>
internal sealed class StreamingText(Gpt2Tokenizer tokenizer, IReadOnlyList<string> stopSequences)
{
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _text = new();
    private int _released;

    public (string Released, bool Stopped) Append(int token)
    {
        var bytes = tokenizer.TokenBytes(token);
        var characters = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        int count = _utf8.GetChars(bytes, characters, flush: false);
        _text.Append(characters, 0, count);
        string text = _text.ToString();

        int stop = stopSequences.Select(sequence => text.IndexOf(sequence, Math.Max(0, _released - sequence.Length), StringComparison.Ordinal))
            .Where(index => index >= 0).DefaultIfEmpty(-1).Min();
        if (stop >= 0) return (Release(text, Math.Max(stop, _released)), true);

        int heldBack = stopSequences.Select(sequence => LongestPrefixSuffix(text, sequence)).DefaultIfEmpty(0).Max();
        return (Release(text, Math.Max(_released, text.Length - heldBack)), false);
    }

    /// <summary>Everything not yet released, including an incomplete trailing character as U+FFFD.</summary>
    public string Flush()
    {
        var characters = new char[4];
        int count = _utf8.GetChars([], characters, flush: true);
        _text.Append(characters, 0, count);
        return Release(_text.ToString(), _text.Length);
    }

    private string Release(string text, int end)
    {
        string released = text[_released..end];
        _released = end;
        return released;
    }

    /// <summary>Length of the longest proper prefix of <paramref name="sequence"/> that ends <paramref name="text"/>.</summary>
    private static int LongestPrefixSuffix(string text, string sequence)
    {
        for (int length = Math.Min(sequence.Length - 1, text.Length); length > 0; length--)
            if (text.AsSpan(text.Length - length).SequenceEqual(sequence.AsSpan(0, length))) return length;
        return 0;
    }
}
