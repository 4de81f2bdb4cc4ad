using System.Text.RegularExpressions;

namespace Platform.Transformer.Weights;

/// <summary>Checks a checkpoint's tensor names and shapes against the model's <see cref="TensorSpec"/> list.</summary>
internal static partial class Checkpoint
{
    private const string HuggingFacePrefix = "transformer.";

    /// <summary>
    /// Maps each expected tensor name to the checkpoint's own name (which may carry the "transformer." prefix).
    /// Throws <see cref="InvalidDataException"/> naming the first missing, misshapen or unexpected tensor.
    /// The causal-mask buffers (h.N.attn.bias, h.N.attn.masked_bias) and a tied lm_head.weight are skipped.
    /// </summary>
    public static Dictionary<string, string> Match(
        TransformerConfig config, IEnumerable<(string Name, IReadOnlyList<int> Shape)> available, string source)
    {
        var expected = TensorSpec.ForModel(config);
        var byName = new Dictionary<string, (string Name, IReadOnlyList<int> Shape)>();
        foreach (var tensor in available) byName[WithoutPrefix(tensor.Name)] = tensor;

        var map = new Dictionary<string, string>();
        foreach (var spec in expected)
        {
            if (!byName.TryGetValue(spec.Name, out var tensor))
                throw new InvalidDataException($"{source} does not fit the config: tensor {spec.Name} {spec.ShapeText} is missing");
            if (!tensor.Shape.SequenceEqual(spec.Shape))
                throw new InvalidDataException(
                    $"{source} does not fit the config: tensor {spec.Name} has shape [{string.Join(", ", tensor.Shape)}] but the config needs {spec.ShapeText}");
            map[spec.Name] = tensor.Name;
        }
        foreach (var (name, tensor) in byName)
        {
            bool tiedHead = name == "lm_head.weight" && tensor.Shape.SequenceEqual([config.VocabSize, config.NEmbed]);
            if (!map.ContainsKey(name) && !tiedHead && !MaskBuffer().IsMatch(name))
                throw new InvalidDataException($"{source} does not fit the config: unexpected tensor {tensor.Name} [{string.Join(", ", tensor.Shape)}]");
        }
        return map;
    }

    /// <summary>The name without Hugging Face's "transformer." prefix (GPT2LMHeadModel's state dict has it).</summary>
    public static string WithoutPrefix(string name) =>
        name.StartsWith(HuggingFacePrefix, StringComparison.Ordinal) ? name[HuggingFacePrefix.Length..] : name;

    [GeneratedRegex(@"^h\.\d+\.attn\.(masked_)?bias$")]
    private static partial Regex MaskBuffer();
}
