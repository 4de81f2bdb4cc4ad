namespace Platform.Transformer.Tests;

public class GenerationTests
{
    private static readonly TransformerConfig Config = TestModels.Small();
    private static readonly GptModel Model = GptModel.FromTensors(Config, TestModels.RandomTensors(Config, seed: 41, std: 0.5));
    private static readonly Generator Generator = new(Model, Gpt2Tokenizer.ByteLevel());
    private static readonly int[] Prompt = TestModels.RandomTokens(6, Config.VocabSize, seed: 42);

    private static IEnumerable<TestCaseData> Samplings()
    {
        yield return new TestCaseData(new GenerationOptions { Temperature = 0 }).SetName("greedy");
        yield return new TestCaseData(new GenerationOptions { Temperature = 0.8f, Seed = 5 }).SetName("temperature");
        yield return new TestCaseData(new GenerationOptions { Temperature = 1.2f, TopK = 10, TopP = 0.9f, Seed = 6 }).SetName("top-k and top-p");
    }

    [TestCaseSource(nameof(Samplings))]
    public void KvCacheGivesTheSameTokensAsRecomputingTheFullForwardEachStep(GenerationOptions options)
    {
        var cached = Generator.Generate(Prompt, options with { MaxNewTokens = 40 });
        var recomputed = Generator.Generate(Prompt, options with { MaxNewTokens = 40, UseKvCache = false });

        Assert.That(cached.Tokens, Has.Count.EqualTo(40));
        Assert.That(cached.Tokens, Is.EqualTo(recomputed.Tokens));
        Assert.That(cached.FinishReason, Is.EqualTo(FinishReason.Length));
    }

    [Test]
    public void GreedyFollowsTheArgmaxOfTheFullForward()
    {
        var tokens = Prompt.ToList();
        for (int step = 0; step < 5; step++)
        {
            var last = Model.Forward(tokens.ToArray()).Row(tokens.Count - 1).ToArray();
            tokens.Add(Array.IndexOf(last, last.Max()));
        }

        Assert.That(Generator.Generate(Prompt, new GenerationOptions { Temperature = 0, MaxNewTokens = 5 }).Tokens, Is.EqualTo(tokens.Skip(Prompt.Length)));
    }

    [Test]
    public void TheSeedMakesSamplingReproducible()
    {
        var options = new GenerationOptions { MaxNewTokens = 30, Seed = 99 };

        var first = Generator.Generate(Prompt, options).Tokens;

        Assert.That(Generator.Generate(Prompt, options).Tokens, Is.EqualTo(first));
        Assert.That(Generator.Generate(Prompt, options with { Seed = 100 }).Tokens, Is.Not.EqualTo(first));
    }

    [Test]
    public void TopKOfOneAndATinyTopPAreGreedy()
    {
        var greedy = Generator.Generate(Prompt, new GenerationOptions { Temperature = 0, MaxNewTokens = 20 }).Tokens;

        Assert.That(Generator.Generate(Prompt, new GenerationOptions { TopK = 1, MaxNewTokens = 20, Seed = 1 }).Tokens, Is.EqualTo(greedy));
        Assert.That(Generator.Generate(Prompt, new GenerationOptions { TopP = 1e-6f, MaxNewTokens = 20, Seed = 2 }).Tokens, Is.EqualTo(greedy));
    }

    [Test]
    public void AStopSequenceEndsGenerationBeforeIt()
    {
        var full = Generator.Generate(Prompt, new GenerationOptions { Temperature = 0, MaxNewTokens = 30 });
        string stop = full.Text.Substring(10, 3);
        int firstOccurrence = full.Text.IndexOf(stop, StringComparison.Ordinal);

        var stopped = Generator.Generate(Prompt, new GenerationOptions { Temperature = 0, MaxNewTokens = 30, StopSequences = [stop] });

        Assert.That(stopped.FinishReason, Is.EqualTo(FinishReason.Stop));
        Assert.That(stopped.Text, Is.EqualTo(full.Text[..firstOccurrence]));
        Assert.That(stopped.Tokens, Is.EqualTo(full.Tokens.Take(firstOccurrence + stop.Length)));
    }

    [Test]
    public void AStopTokenEndsGenerationWithoutText()
    {
        var full = Generator.Generate(Prompt, new GenerationOptions { Temperature = 0, MaxNewTokens = 20 });
        int stopToken = full.Tokens[7];
        int firstOccurrence = full.Tokens.ToList().IndexOf(stopToken);

        var stopped = Generator.Generate(Prompt, new GenerationOptions { Temperature = 0, MaxNewTokens = 20, StopTokens = [stopToken] });

        Assert.That(stopped.FinishReason, Is.EqualTo(FinishReason.Stop));
        Assert.That(stopped.Tokens, Is.EqualTo(full.Tokens.Take(firstOccurrence + 1)));
        Assert.That(stopped.Text, Is.EqualTo(full.Text[..firstOccurrence]));
    }

    [Test]
    public void GenerationStopsWhenTheContextIsFull()
    {
        var result = Generator.Generate(Prompt, new GenerationOptions { Temperature = 0, MaxNewTokens = 500 });

        Assert.That(result.Tokens, Has.Count.EqualTo(Config.ContextSize - Prompt.Length));
        Assert.That(result.FinishReason, Is.EqualTo(FinishReason.Length));
    }

    [Test]
    public async Task TheAsyncStreamYieldsTheSameTokensAndTextAsGenerate()
    {
        var byteVocabulary = Config with { VocabSize = 256 };
        var generator = new Generator(GptModel.Create(byteVocabulary, seed: 43), Gpt2Tokenizer.ByteLevel());
        string prompt = "深度学习";
        var options = new GenerationOptions { MaxNewTokens = 12, Seed = 3 };
        var streamed = new List<GeneratedToken>();

        await foreach (var token in generator.StreamAsync(prompt, options)) streamed.Add(token);

        var generated = generator.Generate(prompt, options);
        Assert.That(streamed.Select(token => token.Id), Is.EqualTo(generated.Tokens));
        Assert.That(string.Concat(streamed.Select(token => token.Text)), Is.EqualTo(generated.Text));
        Assert.That(streamed.Select(token => token.FinishReason), Is.EqualTo(Enumerable.Repeat<FinishReason?>(null, 11).Append(FinishReason.Length)));
    }

    [Test]
    public void StreamedTextNeverSplitsAMultiByteCharacter()
    {
        var chinese = Gpt2Tokenizer.ByteLevel().Encode("深度学习");
        var tokenizer = Gpt2Tokenizer.ByteLevel();
        var text = new StreamingText(tokenizer, []);

        var pieces = chinese.Select(id => text.Append(id).Released).ToArray();

        Assert.That(pieces, Is.EqualTo(new[] { "", "", "深", "", "", "度", "", "", "学", "", "", "习" }));
    }

    [Test]
    public void InvalidOptionsAreRejected()
    {
        Assert.That(() => Generator.Generate(Prompt, new GenerationOptions { MaxNewTokens = 0 }), Throws.ArgumentException.With.Message.Contains("max_new_tokens"));
        Assert.That(() => Generator.Generate(Prompt, new GenerationOptions { TopP = 1.5f }), Throws.ArgumentException.With.Message.Contains("top_p"));
        Assert.That(() => Generator.Generate(Prompt, new GenerationOptions { Temperature = -1 }), Throws.ArgumentException.With.Message.Contains("temperature"));
        Assert.That(() => Generator.Generate(Array.Empty<int>(), new GenerationOptions()), Throws.ArgumentException.With.Message.Contains("prompt"));
        Assert.That(() => Generator.Generate(Prompt, new GenerationOptions { TopLogprobs = -1 }), Throws.ArgumentException.With.Message.Contains("top_logprobs"));
    }

    [TestCaseSource(nameof(Samplings))]
    public void EachTokensLogprobIsTheLogSoftmaxOfTheFullForwardAtItsPosition(GenerationOptions options)
    {
        // Before any temperature: the model's own distribution, whatever the sampling did with it.
        var result = Generator.Generate(Prompt, options with { MaxNewTokens = 8, TopLogprobs = 4 });
        var sequence = Prompt.Concat(result.Tokens).ToArray();
        var logits = Model.Forward(sequence);

        Assert.That(result.Logprobs, Has.Count.EqualTo(8));
        for (int step = 0; step < 8; step++)
        {
            var row = logits.Row(Prompt.Length - 1 + step).ToArray();
            double logSumExp = row.Max() + Math.Log(row.Sum(logit => Math.Exp(logit - row.Max())));
            var scored = result.Logprobs![step];
            Assert.That(scored.Token.Id, Is.EqualTo(result.Tokens[step]));
            Assert.That(scored.Token.Logprob, Is.EqualTo(row[scored.Token.Id] - logSumExp).Within(1e-3), $"step {step}");
            var expectedTop = Enumerable.Range(0, row.Length).OrderByDescending(id => row[id]).ThenBy(id => id).Take(4);
            Assert.That(scored.Top.Select(top => top.Id), Is.EqualTo(expectedTop), $"step {step}");
            Assert.That(scored.Top.Select(top => top.Logprob), Is.Ordered.Descending);
        }
    }

    [Test]
    public void LogprobsOverTheWholeVocabularySumToOneAndGreedyPicksTheFirst()
    {
        var result = Generator.Generate(Prompt, new GenerationOptions { Temperature = 0, MaxNewTokens = 3, TopLogprobs = Config.VocabSize });

        foreach (var scored in result.Logprobs!)
        {
            Assert.That(scored.Top.Sum(top => Math.Exp(top.Logprob)), Is.EqualTo(1).Within(1e-9));
            Assert.That(scored.Top[0], Is.EqualTo(scored.Token));
        }
        Assert.That(Generator.Generate(Prompt, new GenerationOptions { Temperature = 0, MaxNewTokens = 3 }).Logprobs, Is.Null, "only when asked for");
    }
}
