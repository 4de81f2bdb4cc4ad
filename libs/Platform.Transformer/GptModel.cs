using System.Buffers;
using System.Diagnostics;
using System.Numerics.Tensors;
using Platform.Transformer.Kernels;
using Platform.Transformer.Weights;

namespace Platform.Transformer;

/// <summary>
/// GPT-2 as nanoGPT's model.py: token + position embeddings, n_layer pre-LayerNorm blocks, ln_f, and an output
/// head tied to the token embedding. Weights are float32, packed once for the GEMM kernels. A model is
/// immutable after construction, so concurrent forward passes are safe (each brings its own KvCache).
/// </summary>
public sealed class GptModel
{
    private const string Dtype = "torch.float32";

    private readonly PackedMatrix _wte;   // (C, V): column v is token v's embedding, and the tied output head
    private readonly float[] _wpe;        // (context_size, C)
    private readonly Block[] _h;
    private readonly LayerNorm _lnF;
    private readonly WorkerGang? _gang;

    private GptModel(TransformerConfig config, TensorReader read, WorkerGang? gang)
    {
        using var scope = Parallelism.Use(gang);
        _gang = gang;
        Config = config;
        ParameterCount = CountParameters(config);
        var parameters = new ParameterReader(read);
        _wte = parameters.ReadPacked("wte.weight", config.NEmbed, config.VocabSize, transposed: true);
        _wpe = parameters.ReadArray("wpe.weight", config.ContextSize * config.NEmbed);
        _h = new Block[config.NLayer];
        for (int layer = 0; layer < config.NLayer; layer++) _h[layer] = new Block(parameters, layer, config);
        _lnF = new LayerNorm(parameters, "ln_f", config.NEmbed, config.Bias);
    }

    public TransformerConfig Config { get; }

    /// <summary>Number of parameters (the tied head counted once, position embeddings included).</summary>
    public long ParameterCount { get; }

    /// <summary>Parameter count of a config without building the model (124,475,904 for the defaults).</summary>
    public static long CountParameters(TransformerConfig config) => TensorSpec.ForModel(config).Sum(spec => spec.ElementCount);

    /// <summary>
    /// A model with nanoGPT's random initialisation; the same config and seed give the same weights everywhere.
    /// Its parallel loops run on <paramref name="gang"/> (every factory takes one), or on the thread pool without.
    /// </summary>
    public static GptModel Create(TransformerConfig config, int seed, WorkerGang? gang = null)
    {
        var specs = TensorSpec.ForModel(config).ToDictionary(spec => spec.Name);
        return new GptModel(config, (name, offset, destination) => WeightInit.Fill(specs[name], seed, config.NLayer, offset, destination), gang);
    }

    /// <summary>The tensors <see cref="Create"/> builds its model from, in checkpoint naming and layout.</summary>
    public static IEnumerable<KeyValuePair<string, float[]>> InitialTensors(TransformerConfig config, int seed) =>
        TensorSpec.ForModel(config).Select(spec => KeyValuePair.Create(spec.Name, WeightInit.Generate(spec, seed, config.NLayer)));

    /// <summary>
    /// A model from checkpoint tensors named and shaped as <see cref="TensorSpec.ForModel"/> lists (GPT-2's
    /// names, optionally prefixed "transformer."; Conv1D weights input-major, flattened row-major). Throws
    /// <see cref="InvalidDataException"/> naming the first tensor that does not fit the config.
    /// </summary>
    public static GptModel FromTensors(TransformerConfig config, IReadOnlyDictionary<string, float[]> tensors, WorkerGang? gang = null)
    {
        // Plain arrays carry no shape: one of the expected size counts as that shape, any other as 1-D.
        var expected = TensorSpec.ForModel(config).ToDictionary(spec => spec.Name);
        var shaped = tensors.Select(tensor =>
        {
            bool fits = expected.TryGetValue(Checkpoint.WithoutPrefix(tensor.Key), out var spec) && spec.ElementCount == tensor.Value.Length;
            return (tensor.Key, fits ? spec!.Shape : (IReadOnlyList<int>)[tensor.Value.Length]);
        });
        var names = Checkpoint.Match(config, shaped, "tensor set");
        return new GptModel(config, (name, offset, destination) => tensors[names[name]].AsSpan((int)offset, destination.Length).CopyTo(destination), gang);
    }

    /// <summary>A model from a Hugging Face GPT-2 (or this engine's MoE) <c>model.safetensors</c> file.</summary>
    public static GptModel LoadSafetensors(string path, TransformerConfig config, WorkerGang? gang = null)
    {
        using var file = SafetensorsFile.Open(path);
        var names = Checkpoint.Match(config, file.Entries.Select(entry => (entry.Name, entry.Shape)), path);
        return new GptModel(config, (name, offset, destination) => file.Read(names[name], offset, destination), gang);
    }

    /// <summary>A cache for incremental decoding, holding up to <paramref name="capacity"/> positions (default: the context size).</summary>
    public KvCache CreateKvCache(int? capacity = null)
    {
        int size = capacity ?? Config.ContextSize;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(capacity));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Config.ContextSize, nameof(capacity));
        return new KvCache(Config, size);
    }

    /// <summary>Logits for every position of <paramref name="tokens"/>: shape (T, vocab_size).</summary>
    public ForwardResult Forward(ReadOnlySpan<int> tokens, ForwardCapture? capture = null)
    {
        Validate(tokens, start: 0, cache: null, capture);   // before sizing the logits: T ≤ context_size keeps T · vocab_size an array's length
        var logits = GC.AllocateUninitializedArray<float>(tokens.Length * Config.VocabSize);
        var moe = Forward(tokens, logits, cache: null, capture);
        return new ForwardResult(logits, tokens.Length, Config.VocabSize, moe);
    }

    /// <summary>
    /// Runs the tokens at positions cache.Length, cache.Length + 1, ... (0.. without a cache) and writes the logits
    /// of every position (<paramref name="logits"/> of T · vocab_size) or of the last one only (vocab_size). With a
    /// cache, earlier positions are attended from it and these are appended. Returns each MoE layer's outputs.
    /// </summary>
    public IReadOnlyList<MoeLayerStats> Forward(ReadOnlySpan<int> tokens, Span<float> logits, KvCache? cache = null, ForwardCapture? capture = null)
    {
        var stopwatch = Stopwatch.StartNew();
        using var scope = Parallelism.Use(_gang);
        int rows = tokens.Length;
        int start = cache?.Length ?? 0;
        int vocab = Config.VocabSize;
        int c = Config.NEmbed;
        Validate(tokens, start, cache, capture);
        bool allRows = logits.Length == rows * vocab;
        if (!allRows && logits.Length != vocab)
            throw new ArgumentException($"logits must hold {rows} × {vocab} (every position) or {vocab} (the last) floats, not {logits.Length}", nameof(logits));

        using var ws = new Workspace(Config, rows);
        float[]? scratchKv = cache is null ? ArrayPool<float>.Shared.Rent(LayerKv.Length(Config, rows)) : null;
        try
        {
            Embed(tokens, start, ws.X);                                    // (T, C) = wte[tokens] + wpe[start..]
            var scratchLayer = scratchKv is null ? null : new LayerKv(Config, rows, scratchKv);
            var moe = new List<MoeLayerStats>();
            var layers = new List<LayerCapture>();
            for (int layer = 0; layer < _h.Length; layer++)
            {
                float[]? weights = capture?.IncludeAttentionWeights == true ? new float[Config.NHead * rows * (start + rows)] : null;
                var stats = _h[layer].Forward(ws, rows, start, cache?[layer] ?? scratchLayer!, weights);
                if (stats is not null) moe.Add(stats);
                if (capture is not null) layers.Add(new LayerCapture(layer, new AttentionCapture([1, Config.NHead, rows, start + rows], weights), stats));
            }
            if (cache is not null) cache.Length = start + rows;

            if (allRows)
            {
                _lnF.Forward(ws.X, ws.Normed, rows);
                if (capture?.IncludeHiddenStates == true) capture.HiddenStates = ws.Normed.AsSpan(0, rows * c).ToArray();
                Gemm.Multiply(ws.Normed, c, rows, c, _wte, vocab, logits, vocab);              // (T, V)
            }
            else
            {
                _lnF.Normalize(ws.X.AsSpan((rows - 1) * c, c), ws.Normed.AsSpan(0, c));
                Gemm.Multiply(ws.Normed, c, 1, c, _wte, vocab, logits, vocab);                  // (1, V)
            }

            if (capture is not null)
            {
                int[] embeddingShape = [1, rows, c];
                capture.Embeddings = new EmbeddingsCapture(new TensorInfo(embeddingShape, Dtype), new TensorInfo(embeddingShape, Dtype));
                capture.Layers = layers;
                capture.Performance = new PerformanceCapture(stopwatch.Elapsed.TotalSeconds, Environment.WorkingSet / (1024.0 * 1024.0));
            }
            return moe;
        }
        finally
        {
            if (scratchKv is not null) ArrayPool<float>.Shared.Return(scratchKv);
        }
    }

    private void Validate(ReadOnlySpan<int> tokens, int start, KvCache? cache, ForwardCapture? capture)
    {
        if (tokens.IsEmpty) throw new ArgumentException("at least one token is needed", nameof(tokens));
        long end = (long)start + tokens.Length;
        if (end > Config.ContextSize)
            throw new ArgumentException($"sequence length {end} exceeds the model's context size {Config.ContextSize}", nameof(tokens));
        if (cache is not null && end > cache.Capacity)
            throw new ArgumentException($"sequence length {end} exceeds the cache capacity {cache.Capacity}", nameof(cache));
        if (capture?.IncludeAttentionWeights == true && (long)Config.NHead * tokens.Length * end > Array.MaxLength)
            throw new ArgumentException($"the attention weights of {tokens.Length} tokens would not fit in one array; capture fewer tokens", nameof(capture));
        foreach (int token in tokens)
            if ((uint)token >= (uint)Config.VocabSize)
                throw new ArgumentOutOfRangeException(nameof(tokens), token, $"token ids must be in [0, {Config.VocabSize})");
    }

    private void Embed(ReadOnlySpan<int> tokens, int start, float[] x)
    {
        int c = Config.NEmbed;
        for (int row = 0; row < tokens.Length; row++)
        {
            var destination = x.AsSpan(row * c, c);
            _wte.CopyColumn(tokens[row], destination);
            TensorPrimitives.Add(destination, _wpe.AsSpan((start + row) * c, c), destination);
        }
    }
}
