using System.Text;
using Microsoft.ML.Tokenizers;

namespace Platform.Transformer.Tests;

public class TokenizerTests
{
    private const string Chinese = "深度学习是人工智能的重要分支";
    private static readonly Gpt2Tokenizer Gpt2 = Gpt2Tokenizer.Gpt2();

    /// <summary>Words, CJK runs, punctuation, runs of spaces and newlines, a contraction: every kind of GPT-2 pre-token.</summary>
    private static readonly string LongText = string.Concat(Enumerable.Range(0, 400).Select(i =>
        $"Line {i}: it's {Chinese}, and   {i * 37} quick foxes!\n\n  \t"));

    [Test]
    public void ByteLevelUsesOneIdPerUtf8ByteAndRoundTripsChinese()
    {
        var tokenizer = Gpt2Tokenizer.ByteLevel();
        string text = $"{Chinese} and English!";

        var ids = tokenizer.Encode(text);

        Assert.That(tokenizer.IsByteLevel, Is.True);
        Assert.That(ids, Is.EqualTo(Encoding.UTF8.GetBytes(text).Select(value => (int)value)));
        Assert.That(tokenizer.Decode(ids), Is.EqualTo(text));
    }

    [TestCase("Hello world", new[] { 15496, 995 })]
    [TestCase("hello world", new[] { 31373, 995 })]
    public void Gpt2GivesGpt2sOwnIds(string text, int[] expected)
    {
        Assert.That(Gpt2.IsByteLevel, Is.False);
        Assert.That(Gpt2.Encode(text), Is.EqualTo(expected));
        Assert.That(Gpt2.Decode(expected), Is.EqualTo(text));
    }

    [Test]
    public void Gpt2RoundTripsChineseAndKeepsTheEndOfTextToken()
    {
        string text = $"{Chinese}<|endoftext|>hello";

        var ids = Gpt2.Encode(text);

        Assert.That(Gpt2.EndOfTextId, Is.EqualTo(50256));
        Assert.That(ids, Has.Exactly(1).EqualTo(Gpt2.EndOfTextId));
        Assert.That(Gpt2.Decode(ids), Is.EqualTo(text));
        // A CJK character spans tokens: each token's bytes, joined, are the text's UTF-8.
        Assert.That(ids.SelectMany(id => Gpt2.TokenBytes(id).ToArray()), Is.EqualTo(Encoding.UTF8.GetBytes(text)));
    }

    [Test]
    public void MergesNeverCrossGpt2PreTokenBoundaries()
    {
        // GPT-2's regex splits "it's  42x" into "it" "'s" " " " 42" "x"; merges happen only inside each.
        var pieces = Gpt2.Encode("it's  42x").Select(id => Gpt2.Decode([id]));

        Assert.That(pieces, Is.EqualTo(new[] { "it", "'s", " ", " 42", "x" }));
    }

    [Test]
    public void TokenizingInPiecesGivesTheWholeTextsIds()
    {
        var whole = TiktokenTokenizer.CreateForModel("gpt2").EncodeToIds(LongText);

        Assert.That(LongText, Has.Length.GreaterThan(10 * TextPieces.MaxLength));
        Assert.That(Gpt2.Encode(LongText), Is.EqualTo(whole));
        Assert.That(Gpt2.Encode(LongText, 1000, CancellationToken.None), Is.EqualTo(whole.Take(1000)));
        Assert.That(Gpt2.EncodeLast(LongText, 1000, CancellationToken.None), Is.EqualTo(whole.TakeLast(1000)));
    }

    [Test]
    public void AWordLongerThanAPieceStillRoundTrips()
    {
        // One pre-token of 20,000 characters: BPE sees it in pieces, so it costs linear time, not quadratic.
        var text = string.Concat(Enumerable.Repeat(Chinese, 20_000 / Chinese.Length)) + "𝄞" + new string('a', 10_000);

        Assert.That(Gpt2.Decode(Gpt2.Encode(text)), Is.EqualTo(text));
        Assert.That(Gpt2.Decode(Gpt2.EncodeLast(text, int.MaxValue, CancellationToken.None)), Is.EqualTo(text));
    }

    [Test]
    public void CancellingStopsTokenizing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => Gpt2.Encode(LongText, int.MaxValue, cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => Gpt2Tokenizer.ByteLevel().EncodeLast(LongText, 10, cancelled.Token));
    }

    [Test]
    public void GptTwoSizedVocabulariesGetGpt2sTokenizerAndSmallerOnesTheByteLevel()
    {
        Assert.That(Gpt2Tokenizer.FitsGpt2(new TransformerConfig()), Is.True);                         // nanoGPT's 50,304
        Assert.That(Gpt2Tokenizer.FitsGpt2(new TransformerConfig { VocabSize = 50257 }), Is.True);
        Assert.That(Gpt2Tokenizer.FitsGpt2(new TransformerConfig { VocabSize = 512 }), Is.False);
    }
}
