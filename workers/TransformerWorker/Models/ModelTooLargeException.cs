namespace Platform.TransformerWorker.Models;

/// <summary>A model that does not fit in the cache even when everything else is evicted.</summary>
public sealed class ModelTooLargeException(string key, long needed, long limit)
    : Exception($"model {key} needs {ModelCache.Megabytes(needed):0.0} MB (its parameters, and a full-context forward pass's activations, logits and KV cache), more than the model cache's memory limit of {ModelCache.Megabytes(limit):0.0} MB");
