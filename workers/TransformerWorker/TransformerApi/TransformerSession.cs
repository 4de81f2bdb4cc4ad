using Microsoft.Extensions.Options;
using Platform.Transformer;
using Platform.TransformerWorker.Models;

namespace Platform.TransformerWorker.TransformerApi;

/// <summary>
/// The transformer API's current model on this replica and its inference statistics. The model itself
/// lives in the <see cref="ModelCache"/>: if it is evicted, the next request loads it again.
/// </summary>
public sealed class TransformerSession(ModelCache cache, IOptions<TransformerOptions> options)
{
    private readonly Lock _statsLock = new();
    private ModelDefinition? _current;
    private long _inferences;
    private double _totalSeconds;
    private double _lastSeconds;

    public ModelDefinition? Current => Volatile.Read(ref _current);

    /// <summary>Loads the model of <paramref name="config"/> (weights from `Transformer:Seed`) and makes it current.</summary>
    public async Task InitializeAsync(TransformerConfig config, CancellationToken cancellationToken)
    {
        var definition = ModelDefinition.FromConfig(config, options.Value.Seed);
        await cache.GetAsync(definition, cancellationToken);
        Volatile.Write(ref _current, definition);
    }

    /// <summary>The current model, or null before the first initialization.</summary>
    public async Task<GptModel?> GetModelAsync(CancellationToken cancellationToken) =>
        Current is { } definition ? await cache.GetAsync(definition, cancellationToken) : null;

    public void RecordInference(double seconds)
    {
        lock (_statsLock)
        {
            _inferences++;
            _totalSeconds += seconds;
            _lastSeconds = seconds;
        }
    }

    public PerformanceStats Performance
    {
        get
        {
            lock (_statsLock)
            {
                return new PerformanceStats(_inferences, _inferences == 0 ? 0 : _totalSeconds / _inferences, _lastSeconds);
            }
        }
    }
}
