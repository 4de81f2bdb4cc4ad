using Platform.Contracts.Http.Queues;
using Platform.Contracts;
using Platform.Providers.Caching;

namespace Platform.Gateway.Dashboard.Monitoring;

/// <summary>
/// Models, queues, TransformerWorker replicas and the prediction cache at one moment. A part whose service
/// could not be reached is empty, with the reason in its error.
/// </summary>
public sealed record SystemSample(
    DateTimeOffset At,
    IReadOnlyList<ModelSample> Models,
    PredictionCacheStats? PredictionCache,
    IReadOnlyList<QueueView> Queues,
    string? QueuesError,
    IReadOnlyList<ModelCacheReported> Replicas,
    string? ReplicasError);
