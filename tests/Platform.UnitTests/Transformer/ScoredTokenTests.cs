using System.Text;
using Platform.Transformer;
using Platform.TransformerWorker.Completions;

namespace Platform.UnitTests.Transformer;

public sealed class ScoredTokenTests
{
    [Test]
    public void Generated_log_probabilities_are_described_with_each_tokens_bytes()
    {
        var tokenizer = Gpt2Tokenizer.ByteLevel();
        var config = new TransformerConfig { VocabSize = 300, ContextSize = 64, NLayer = 2, NHead = 4, NEmbed = 64 };
        int[] prompt = [.. Encoding.UTF8.GetBytes("hello").Select(value => (int)value)];
        var result = new Generator(GptModel.Create(config, seed: 3), tokenizer)
            .Generate(prompt, new GenerationOptions { MaxNewTokens = 6, Temperature = 0, TopLogprobs = 3 });

        var described = result.Logprobs!.Select(logprobs => ScoredToken.Of(logprobs, tokenizer)).ToList();

        Assert.That(described.SelectMany(token => token.Token.Bytes), Is.EqualTo(result.Tokens.SelectMany(id => tokenizer.TokenBytes(id).ToArray())));
        Assert.That(described.Select(token => token.Token.Logprob), Is.EqualTo(result.Logprobs!.Select(logprobs => logprobs.Token.Logprob)));
        Assert.That(described.Select(token => token.Top.Count), Has.All.EqualTo(3));
    }

    [Test]
    public void A_token_holding_part_of_a_character_reads_as_its_bytes()
    {
        Assert.That(new TokenLogprob("深"u8.ToArray(), -1).Text, Is.EqualTo("深"));
        Assert.That(new TokenLogprob("深"u8[..2].ToArray(), -1).Text, Is.EqualTo("bytes:\\xe6\\xb7"));
    }
}
