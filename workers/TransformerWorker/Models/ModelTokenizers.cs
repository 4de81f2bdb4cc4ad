using Platform.Transformer;

namespace Platform.TransformerWorker.Models;

/// <summary>
/// The tokenizer of each model: GPT-2's for a vocabulary that holds it, one id per byte for the small ones (the
/// test models). GPT-2's vocabulary is loaded on first use and then shared.
/// </summary>
public sealed class ModelTokenizers
{
    private readonly Lazy<Gpt2Tokenizer> _gpt2 = new(Gpt2Tokenizer.Gpt2);
    private readonly Gpt2Tokenizer _byteLevel = Gpt2Tokenizer.ByteLevel();

    public Gpt2Tokenizer For(TransformerConfig config) => Gpt2Tokenizer.FitsGpt2(config) ? _gpt2.Value : _byteLevel;
}
