using System.Text;
using Platform.Transformer;
using Platform.TransformerWorker.Completions;

namespace Platform.UnitTests.Transformer;

public sealed class TokenScorerTests
{
    private static readonly TransformerConfig Tiny = new() { VocabSize = 300, ContextSize = 64, NLayer = 2, NHead = 4, NEmbed = 64 };
    private static readonly Gpt2Tokenizer Bytes = Gpt2Tokenizer.ByteLevel();

    [Test]
    public void Greedy_tokens_are_the_most_likely_at_their_position_with_exactly_its_log_probability()
    {
        var model = GptModel.Create(Tiny, seed: 3);
        int[] prompt = [.. Encoding.UTF8.GetBytes("hello").Select(value => (int)value)];
        var generated = new Generator(model, Bytes).Generate(prompt, new GenerationOptions { MaxNewTokens = 12, Temperature = 0 }).Tokens;

        var scored = new TokenScorer(model, Bytes, topCount: 3).Score(prompt, generated, CancellationToken.None);

        Assert.That(scored, Has.Count.EqualTo(12));
        foreach (var token in scored)
        {
            Assert.That(token.Top, Has.Count.EqualTo(3));
            Assert.That(token.Top[0], Is.EqualTo(token.Token).Using<TokenLogprob>((a, b) => a.Logprob == b.Logprob && a.Bytes.SequenceEqual(b.Bytes)));
            Assert.That(token.Top.Select(top => top.Logprob), Is.Ordered.Descending);
            Assert.That(token.Token.Logprob, Is.Negative);
        }
    }

    [Test]
    public void Log_probabilities_over_the_whole_vocabulary_sum_to_one()
    {
        var model = GptModel.Create(Tiny, seed: 3);

        var scored = new TokenScorer(model, Bytes, topCount: Tiny.VocabSize).Score([104, 105], [33], CancellationToken.None).Single();

        Assert.That(scored.Top.Sum(top => Math.Exp(top.Logprob)), Is.EqualTo(1).Within(1e-9));
        Assert.That(scored.Top.Single(top => top.Bytes.SequenceEqual("!"u8.ToArray())).Logprob, Is.EqualTo(scored.Token.Logprob));
    }

    [Test]
    public void A_token_holding_part_of_a_character_reads_as_its_bytes()
    {
        Assert.That(new TokenLogprob("深"u8.ToArray(), -1).Text, Is.EqualTo("深"));
        Assert.That(new TokenLogprob("深"u8[..2].ToArray(), -1).Text, Is.EqualTo("bytes:\\xe6\\xb7"));
    }
}
