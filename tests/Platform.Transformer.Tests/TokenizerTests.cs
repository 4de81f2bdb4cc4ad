using System.Text;
using System.Text.Json;
using Platform.Transformer;

namespace Platform.Transformer.Tests;

public class TokenizerTests
{
    private const string Chinese = "深度学习是人工智能的重要分支";

    [Test]
    public void ByteLevelFallbackUsesOneIdPerUtf8ByteAndRoundTripsChinese()
    {
        var tokenizer = Gpt2Tokenizer.FromDirectory(null);
        string text = $"{Chinese} and English!";

        var ids = tokenizer.Encode(text);

        Assert.That(tokenizer.IsByteFallback, Is.True);
        Assert.That(ids, Is.EqualTo(Encoding.UTF8.GetBytes(text).Select(value => (int)value)));
        Assert.That(tokenizer.Decode(ids), Is.EqualTo(text));
    }

    [Test]
    public void MergesApplyInRankOrderWithinGpt2PreTokens()
    {
        var tokenizer = TinyBpe();
        var encoder = TinyVocabulary();

        var ids = tokenizer.Encode("hello world");

        // "hello" merges fully (h e → he, l l → ll, he ll → hell, hell o → hello); " world" only to Ġwo r l d.
        Assert.That(ids, Is.EqualTo(new[] { encoder["hello"], encoder["Ġwo"], encoder["r"], encoder["l"], encoder["d"] }));
        Assert.That(tokenizer.Decode(ids), Is.EqualTo("hello world"));
    }

    [Test]
    public void BpeRoundTripsChineseAndKeepsTheEndOfTextToken()
    {
        var tokenizer = TinyBpe();
        string text = $"{Chinese}<|endoftext|>hello";

        var ids = tokenizer.Encode(text);

        Assert.That(ids, Has.Exactly(1).EqualTo(tokenizer.EndOfTextId));
        Assert.That(ids.Length, Is.EqualTo(Encoding.UTF8.GetByteCount(Chinese) + 2));
        Assert.That(tokenizer.Decode(ids), Is.EqualTo(text));
    }

    [Test]
    public void MergesNeverCrossGpt2PreTokenBoundaries()
    {
        // Each merge would apply if the text were one word; GPT-2's regex splits "it's  42x" into
        // "it" "'s" " " " 42" "x", so only "'s" (inside a pre-token) may merge.
        (string Left, string Right)[] merges = [("t", "'"), ("'", "s"), ("Ġ", "Ġ"), ("2", "x")];
        var tokenizer = Gpt2Tokenizer.FromVocabulary(TinyVocabulary("t'", "'s", "ĠĠ", "2x"), merges);

        var pieces = tokenizer.Encode("it's  42x").Select(id => tokenizer.Decode([id]));

        Assert.That(pieces, Is.EqualTo(new[] { "i", "t", "'s", " ", " ", "4", "2", "x" }));
    }

    [Test]
    public void LoadsEitherFileNaming()
    {
        var directory = Directory.CreateTempSubdirectory("tokenizer-test").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "encoder.json"), JsonSerializer.Serialize(TinyVocabulary()));
            File.WriteAllLines(Path.Combine(directory, "vocab.bpe"), ["#version: 0.2", .. TinyMerges().Select(merge => $"{merge.Left} {merge.Right}")]);

            var tokenizer = Gpt2Tokenizer.FromDirectory(directory);

            Assert.That(tokenizer.IsByteFallback, Is.False);
            Assert.That(tokenizer.Encode("hello world"), Is.EqualTo(TinyBpe().Encode("hello world")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Gpt2Tokenizer TinyBpe() => Gpt2Tokenizer.FromVocabulary(TinyVocabulary(), TinyMerges());

    private static (string Left, string Right)[] TinyMerges() =>
        [("Ġ", "w"), ("h", "e"), ("l", "l"), ("he", "ll"), ("hell", "o"), ("Ġw", "o")];

    /// <summary>GPT-2's 256 byte symbols (bytes_to_unicode, written out independently), the merge results, &lt;|endoftext|&gt;.</summary>
    private static Dictionary<string, int> TinyVocabulary(params string[] extraSymbols)
    {
        var printable = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range(0xA1, 0xAC - 0xA1 + 1)).Concat(Enumerable.Range(0xAE, 0xFF - 0xAE + 1)).ToList();
        var symbols = new List<string>();
        int shifted = 0;
        for (int value = 0; value < 256; value++) symbols.Add(((char)(printable.Contains(value) ? value : 256 + shifted++)).ToString());
        symbols.AddRange(["Ġw", "he", "ll", "hell", "hello", "Ġwo", "<|endoftext|>", .. extraSymbols]);
        return symbols.Select((symbol, id) => (symbol, id)).ToDictionary(pair => pair.symbol, pair => pair.id);
    }
}
