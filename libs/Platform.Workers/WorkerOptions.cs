using System.ComponentModel.DataAnnotations;

namespace Platform.Workers;

/// <summary>Section `Worker`: how many job items one replica runs at once.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>Each worker kind sets its own default (<see cref="WorkerRegistration.AddWorkerOptions"/>): network-bound
    /// provider calls can far exceed the core count; a local forward pass already uses every core.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentItems { get; set; } = 1;
}
