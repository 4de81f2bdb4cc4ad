namespace Platform.Llm.Data.Registry;

/// <summary>The one row of `llm.load_balancing`: seed 003's balancing settings, shared by every replica.</summary>
public sealed class StoredLoadBalancing
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public required string Strategy { get; set; }
    public int HealthCheckIntervalSeconds { get; set; }
    public int FailureThreshold { get; set; }
    public int RecoveryThreshold { get; set; }

    /// <summary>JSON object of model id → weight.</summary>
    public required string Weights { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
