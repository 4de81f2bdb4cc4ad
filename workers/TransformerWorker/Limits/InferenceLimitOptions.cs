namespace Platform.TransformerWorker.Limits;

/// <summary>Section `Transformer:Inference`: how many forward passes and generations one replica runs at once.</summary>
public sealed class InferenceLimitOptions
{
    public const string SectionName = "Transformer:Inference";

    /// <summary>Forwards and generations running at once. Each already uses every core, so more only shares them.</summary>
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>Requests that wait for a slot, oldest first; beyond them a request is refused at once (429).</summary>
    public int QueueLimit { get; set; } = 4;

    /// <summary>What a refused client is told to wait (`Retry-After`, whole seconds).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
