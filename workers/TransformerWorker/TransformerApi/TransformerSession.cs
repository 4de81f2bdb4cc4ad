using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Transformer;
using Platform.TransformerWorker.Models;

namespace Platform.TransformerWorker.TransformerApi;

/// <summary>
/// The transformer API's current model on this replica and its inference statistics. The model itself
/// lives in the <see cref="ModelCache"/>: if it is evicted, the next request loads it again. Every replica
/// follows the initializations of the others, the latest winning, so all of them converge on one model
/// whatever order the events arrive in.
/// </summary>
public sealed class TransformerSession(ModelCache cache, IOptions<TransformerOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private Initialization? _current;
    private long _inferences;
    private double _totalSeconds;
    private double _lastSeconds;

    public LocalModelDefinition? Current => Volatile.Read(ref _current) is { Loaded: true } current ? current.Model : null;

    /// <summary>
    /// Loads the model of <paramref name="config"/> (weights from `Transformer:Seed`) and makes it current;
    /// returns the event that tells the other replicas to do the same.
    /// </summary>
    public async Task<TransformerModelInitialized> InitializeAsync(TransformerConfig config, CancellationToken cancellationToken)
    {
        var definition = LocalModelDefinition.FromConfig(config, options.Value.Seed);
        await cache.GetAsync(definition, cancellationToken);
        return new TransformerModelInitialized(config.ToJson(), definition.Seed, MakeCurrent(definition));
    }

    /// <summary>
    /// Another replica's initialization (or this one's own, coming back): loads and makes its model current
    /// unless it or a later one already is. A model this replica cannot hold leaves it uninitialized rather than
    /// answering with an older model than its peers. Returns whether the current model changed.
    /// </summary>
    public async Task<bool> FollowAsync(TransformerModelInitialized initialized, CancellationToken cancellationToken)
    {
        var initialization = new Initialization(
            LocalModelDefinition.FromConfig(TransformerConfig.FromJson(initialized.ConfigJson), initialized.Seed), initialized.InitializedAt);
        if (!initialization.Supersedes(Volatile.Read(ref _current)))
        {
            return false;
        }

        try
        {
            await cache.GetAsync(initialization.Model, cancellationToken);
        }
        catch (ModelTooLargeException)
        {
            MakeCurrentIfLatest(initialization with { Loaded = false });
            throw;
        }

        return MakeCurrentIfLatest(initialization);
    }

    /// <summary>The current model, or null before the first initialization.</summary>
    public async Task<GptModel?> GetModelAsync(CancellationToken cancellationToken) =>
        Current is { } definition ? await cache.GetAsync(definition, cancellationToken) : null;

    public void RecordInference(double seconds)
    {
        lock (_lock)
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
            lock (_lock)
            {
                return new PerformanceStats(_inferences, _inferences == 0 ? 0 : _totalSeconds / _inferences, _lastSeconds);
            }
        }
    }

    /// <summary>Makes a model current now, or just after the current one should a peer's clock run ahead, so that it is the latest everywhere.</summary>
    private DateTimeOffset MakeCurrent(LocalModelDefinition definition)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var initializedAt = _current is { } current && current.At >= now ? current.At.AddTicks(1) : now;
            Volatile.Write(ref _current, new Initialization(definition, initializedAt));
            return initializedAt;
        }
    }

    private bool MakeCurrentIfLatest(Initialization initialization)
    {
        lock (_lock)
        {
            if (!initialization.Supersedes(_current))
            {
                return false;
            }

            Volatile.Write(ref _current, initialization);
            return true;
        }
    }

    /// <summary>A model made current at a time; not loaded when this replica could not hold it.</summary>
    private sealed record Initialization(LocalModelDefinition Model, DateTimeOffset At, bool Loaded = true)
    {
        /// <summary>The later wins; at the same instant the greater model name does, so that replicas agree on ties too.</summary>
        public bool Supersedes(Initialization? other) =>
            other is null || At > other.At || (At == other.At && string.CompareOrdinal(Model.Name, other.Model.Name) > 0);
    }
}
