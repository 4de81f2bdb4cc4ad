namespace Platform.Jobs.OpenAiBatches;

/// <summary>OpenAI's batch statuses; stored and shown snake_cased (`in_progress`).</summary>
public enum OpenAiBatchStatus
{
    Validating,
    Failed,
    InProgress,
    Finalizing,
    Completed,
    Expired,
    Cancelling,
    Cancelled,
}
