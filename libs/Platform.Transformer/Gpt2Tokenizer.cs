using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Transformer;

/// <summary>
/// GPT-2's byte-level BPE (vocab.json + merges.txt, or the original encoder.json + vocab.bpe): text → UTF-8
/// bytes → printable stand-in characters → pre-tokens (GPT-2's regex) → merges by rank → ids. Without files
/// it falls back to one id per byte (ids 0–255), which round-trips any text.
/// </summary>
public sealed partial class Gpt2Tokenizer
{
    private const string EndOfText = "<|endoftext|>";
    private const int WordCacheLimit = 100_000;
    private static readonly byte[] ReplacementCharacter = "\uFFFD"u8.ToArray();
    private static readonly (char[] CharacterOf, Dictionary<char, byte> ByteOf) ByteMap = ByteCharacters();

    private readonly Dictionary<string, int>? _encoder;
    private readonly byte[][] _tokenBytes;
    private readonly Dictionary<(string, string), int> _mergeRanks = [];
    private readonly ConcurrentDictionary<string, int[]> _wordCache = new();

    private Gpt2Tokenizer(Dictionary<string, int>? encoder, IEnumerable<(string Left, string Right)> merges)
    {
        _encoder = encoder;
        if (encoder is null)
        {
            _tokenBytes = Enumerable.Range(0, 256).Select(value => new[] { (byte)value }).ToArray();
            return;
        }
        var byteOf = ByteMap.ByteOf;
        _tokenBytes = new byte[encoder.Values.DefaultIfEmpty(-1).Max() + 1][];
        foreach (var (token, id) in encoder)
            _tokenBytes[id] = token == EndOfText ? Encoding.UTF8.GetBytes(token) : token.Select(character => byteOf[character]).ToArray();
        int rank = 0;
        foreach (var merge in merges) _mergeRanks.TryAdd(merge, rank++);
        EndOfTextId = encoder.TryGetValue(EndOfText, out int endOfText) ? endOfText : null;
    }

    /// <summary>Ids this tokenizer can produce (256 for the byte-level fallback).</summary>
    public int VocabSize => _tokenBytes.Length;

    /// <summary>The id of "&lt;|endoftext|&gt;", if the vocabulary has it.</summary>
    public int? EndOfTextId { get; }

    public bool IsByteFallback => _encoder is null;

    /// <summary>One id per UTF-8 byte.</summary>
    public static Gpt2Tokenizer ByteLevel() => new(null, []);

    /// <summary>From a token → id map and merge pairs in rank order.</summary>
    public static Gpt2Tokenizer FromVocabulary(IReadOnlyDictionary<string, int> encoder, IEnumerable<(string Left, string Right)> merges) =>
        new(new Dictionary<string, int>(encoder), merges);

    /// <summary>From vocab.json (or encoder.json) and merges.txt (or vocab.bpe).</summary>
    public static Gpt2Tokenizer FromFiles(string vocabPath, string mergesPath)
    {
        var encoder = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocabPath))
            ?? throw new InvalidDataException($"{vocabPath} holds no vocabulary");
        var merges = File.ReadLines(mergesPath)
            .Where(line => line.Length > 0 && !line.StartsWith("#version", StringComparison.Ordinal))
            .Select(line => line.Split(' ') is [var left, var right]
                ? (left, right)
                : throw new InvalidDataException($"{mergesPath}: a merge line must hold two symbols: \"{line}\""));
        return new Gpt2Tokenizer(encoder, merges.ToList());
    }

    /// <summary>The tokenizer files in <paramref name="directory"/> (either naming), or the byte-level fallback when there are none.</summary>
    public static Gpt2Tokenizer FromDirectory(string? directory)
    {
        if (directory is not null)
        {
            foreach (var (vocab, merges) in new[] { ("vocab.json", "merges.txt"), ("encoder.json", "vocab.bpe") })
            {
                string vocabPath = Path.Combine(directory, vocab), mergesPath = Path.Combine(directory, merges);
                if (File.Exists(vocabPath) && File.Exists(mergesPath)) return FromFiles(vocabPath, mergesPath);
            }
        }
        return ByteLevel();
    }

    public int[] Encode(string text)
    {
        if (_encoder is null) return Encoding.UTF8.GetBytes(text).Select(value => (int)value).ToArray();
        var ids = new List<int>();
        var pieces = EndOfTextId is null ? [text] : text.Split(EndOfText);
        for (int piece = 0; piece < pieces.Length; piece++)
        {
            if (piece > 0) ids.Add(EndOfTextId!.Value);
            foreach (Match word in PreTokenizer().Matches(pieces[piece])) ids.AddRange(EncodeWord(word.Value));
        }
        return [.. ids];
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

    private int[] EncodeWord(string word)
    {
        if (_wordCache.TryGetValue(word, out var cached)) return cached;
        var symbols = Encoding.UTF8.GetBytes(word).Select(value => ByteMap.CharacterOf[value].ToString()).ToList();
        while (symbols.Count > 1)
        {
            int best = -1, bestRank = int.MaxValue;
            for (int i = 0; i + 1 < symbols.Count; i++)
                if (_mergeRanks.TryGetValue((symbols[i], symbols[i + 1]), out int rank) && rank < bestRank) (best, bestRank) = (i, rank);
            if (best < 0) break;
            var (left, right) = (symbols[best], symbols[best + 1]);
            for (int i = 0; i + 1 < symbols.Count; i++)
            {
                if (symbols[i] != left || symbols[i + 1] != right) continue;
                symbols[i] = left + right;
                symbols.RemoveAt(i + 1);
            }
        }
        var ids = symbols.SelectMany(symbol => _encoder!.TryGetValue(symbol, out int id) ? [id] : symbol.Select(single => _encoder[single.ToString()])).ToArray();
        if (_wordCache.Count >= WordCacheLimit) _wordCache.Clear();
        _wordCache[word] = ids;
        return ids;
    }

    /// <summary>
    /// GPT-2's reversible map between bytes and printable characters: printable Latin-1 bytes map to themselves,
    /// the rest to U+0100 onwards, so a BPE symbol never contains whitespace or control characters.
    /// </summary>
    private static (char[] CharacterOf, Dictionary<char, byte> ByteOf) ByteCharacters()
    {
        var characterOf = new char[256];
        int next = 0;
        for (int value = 0; value < 256; value++)
        {
            bool printable = value is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            characterOf[value] = printable ? (char)value : (char)(256 + next++);
        }
        return (characterOf, Enumerable.Range(0, 256).ToDictionary(value => characterOf[value], value => (byte)value));
    }

    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex PreTokenizer();
}
