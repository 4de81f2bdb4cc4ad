namespace Platform.Transformer;

/// <summary>
/// Cuts a text into pieces of at most <see cref="MaxLength"/> characters that can be tokenized one by one, so that
/// tokenizing stops once enough tokens are in hand and checks for cancellation between pieces. A piece ends before
/// a space that precedes a non-space: GPT-2's pre-tokenizer always starts a word there (" word", and a run of
/// spaces leaves its last one to the word), so the pieces' ids are exactly the whole text's. Only a run of more than
/// <see cref="MaxLength"/> characters without such a space is cut where the length runs out: its ids still decode to
/// the same text, and BPE, whose cost grows with the square of a word's length, never sees a longer word.
/// </summary>
internal static class TextPieces
{
    public const int MaxLength = 2048;

    /// <summary>(start, length) of each piece, first to last.</summary>
    public static IEnumerable<(int Start, int Length)> Forward(string text)
    {
        for (int start = 0; start < text.Length;)
        {
            int end = text.Length - start <= MaxLength ? text.Length : CutBefore(text, start + MaxLength, start);
            yield return (start, end - start);
            start = end;
        }
    }

    /// <summary>The same cuts found from the end, last piece first, so the tail of a long text is reached without reading its head.</summary>
    public static IEnumerable<(int Start, int Length)> Backward(string text)
    {
        for (int end = text.Length; end > 0;)
        {
            int start = end <= MaxLength ? 0 : CutAfter(text, end - MaxLength, end);
            yield return (start, end - start);
            end = start;
        }
    }

    /// <summary>The last word start in (floor, limit], or limit itself (not inside a surrogate pair) when there is none.</summary>
    private static int CutBefore(string text, int limit, int floor)
    {
        for (int cut = limit; cut > floor; cut--)
            if (StartsWord(text, cut)) return cut;
        return Hard(text, limit);
    }

    /// <summary>The first word start in [floor, ceiling), or floor (not inside a surrogate pair) when there is none.</summary>
    private static int CutAfter(string text, int floor, int ceiling)
    {
        for (int cut = floor; cut < ceiling; cut++)
            if (cut > 0 && StartsWord(text, cut)) return cut;
        return Hard(text, floor);
    }

    private static bool StartsWord(string text, int position) =>
        position + 1 < text.Length && text[position] == ' ' && !char.IsWhiteSpace(text[position + 1]);

    private static int Hard(string text, int position) => char.IsLowSurrogate(text[position]) ? position - 1 : position;
}
