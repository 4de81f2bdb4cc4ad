namespace Platform.Contracts;

/// <summary>Queues that job items are sent to, one per worker kind so each scales on its own depth.</summary>
public static class QueueNames
{
    public const string ProviderItems = "provider-job-items";
    public const string LocalItems = "local-job-items";
}
