using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Platform.Transformer.Weights;

namespace Platform.Transformer.Tests;

public class SafetensorsTests
{
    private static readonly TransformerConfig Config = TestModels.Small();
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("safetensors-test").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCase("")]
    [TestCase("transformer.")]
    public void ALoadedFileGivesTheSameLogitsAsTheSameWeightsInMemory(string prefix)
    {
        var tensors = TestModels.RandomTensors(Config, seed: 31);
        var file = new List<(string, int[], float[])>();
        foreach (var spec in TensorSpec.ForModel(Config))
            file.Add((prefix + spec.Name, [.. spec.Shape], tensors[spec.Name]));
        // Hugging Face GPT-2 files also hold the causal-mask buffers; they are not parameters.
        file.Add(($"{prefix}h.0.attn.bias", [1, 1, Config.ContextSize, Config.ContextSize], new float[Config.ContextSize * Config.ContextSize]));
        file.Add(($"{prefix}h.1.attn.masked_bias", [], [-1e4f]));
        string path = Write("model.safetensors", file);
        var tokens = TestModels.RandomTokens(20, Config.VocabSize, seed: 32);

        var loaded = GptModel.LoadSafetensors(path, Config).Forward(tokens).Logits;

        Assert.That(loaded, Is.EqualTo(GptModel.FromTensors(Config, tensors).Forward(tokens).Logits));
        Assert.That(TestModels.RelativeError(loaded, new NaiveGpt(Config, tensors).Forward(tokens).Logits), Is.LessThan(1e-4));
    }

    [Test]
    public void HalfPrecisionTensorsAreWidened()
    {
        var tensors = TestModels.RandomTensors(Config, seed: 33)
            .ToDictionary(pair => pair.Key, pair => pair.Value.Select(value => (float)(Half)value).ToArray());
        var specs = TensorSpec.ForModel(Config);
        string path = Write("half.safetensors", specs.Select(spec => (spec.Name, spec.Shape.ToArray(), tensors[spec.Name])), "F16");
        var tokens = TestModels.RandomTokens(8, Config.VocabSize, seed: 34);

        Assert.That(GptModel.LoadSafetensors(path, Config).Forward(tokens).Logits,
            Is.EqualTo(GptModel.FromTensors(Config, tensors).Forward(tokens).Logits));
    }

    [Test]
    public void AMisshapenTensorIsNamed()
    {
        string path = WriteModel(Config, (name, shape) => name == "h.1.attn.c_attn.weight" ? [shape[1], shape[0]] : shape);

        Assert.That(() => GptModel.LoadSafetensors(path, Config), Throws.InstanceOf<InvalidDataException>().With.Message
            .Contains("tensor h.1.attn.c_attn.weight has shape [72, 24] but the config needs [24, 72]"));
    }

    [Test]
    public void AFileForAnotherVocabularyIsRejectedAtTheFirstMismatch()
    {
        string path = WriteModel(Config with { VocabSize = 50 }, (_, shape) => shape);

        Assert.That(() => GptModel.LoadSafetensors(path, Config), Throws.InstanceOf<InvalidDataException>().With.Message
            .Contains("tensor wte.weight has shape [50, 24] but the config needs [61, 24]"));
    }

    [Test]
    public void MissingAndUnexpectedTensorsAreNamed()
    {
        string withoutBias = WriteModel(TestModels.Small(bias: false), (_, shape) => shape);
        Assert.That(() => GptModel.LoadSafetensors(withoutBias, Config), Throws.InstanceOf<InvalidDataException>().With.Message
            .Contains("tensor h.0.ln_1.bias [24] is missing"));
        Assert.That(() => GptModel.LoadSafetensors(WriteModel(Config, (_, shape) => shape), TestModels.Small(bias: false)),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("unexpected tensor h.0.ln_1.bias"));
    }

    [Test]
    public void InMemoryTensorsAreCheckedTheSameWay()
    {
        var tensors = TestModels.RandomTensors(Config, seed: 35);
        tensors["ln_f.bias"] = new float[5];

        Assert.That(() => GptModel.FromTensors(Config, tensors), Throws.InstanceOf<InvalidDataException>().With.Message
            .Contains("tensor ln_f.bias has shape [5] but the config needs [24]"));
    }

    private string WriteModel(TransformerConfig config, Func<string, int[], int[]> shapeOf) =>
        Write("model.safetensors", TensorSpec.ForModel(config).Select(spec =>
        {
            var shape = shapeOf(spec.Name, [.. spec.Shape]);
            return (spec.Name, shape, new float[shape.Aggregate(1, (a, b) => a * b)]);
        }));

    /// <summary>The safetensors layout: u64 header length, JSON header, then the little-endian data.</summary>
    private string Write(string name, IEnumerable<(string Name, int[] Shape, float[] Values)> tensors, string dtype = "F32")
    {
        var header = new Dictionary<string, object> { ["__metadata__"] = new Dictionary<string, string> { ["format"] = "pt" } };
        var data = new MemoryStream();
        foreach (var (tensorName, shape, values) in tensors)
        {
            long begin = data.Length;
            if (dtype == "F32") data.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            else foreach (float value in values) data.Write(BitConverter.GetBytes((Half)value));
            header[tensorName] = new { dtype, shape, data_offsets = new[] { begin, data.Length } };
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var padded = json.Concat(Enumerable.Repeat((byte)' ', (8 - json.Length % 8) % 8)).ToArray();
        string path = Path.Combine(_directory, name);
        using var stream = File.Create(path);
        var length = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded.Length);
        stream.Write(length);
        stream.Write(padded);
        data.Position = 0;
        data.CopyTo(stream);
        return path;
    }
}
