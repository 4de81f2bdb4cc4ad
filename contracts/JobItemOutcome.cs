namespace Platform.Contracts;

public enum JobItemOutcome
{
    Succeeded,
    Failed,
    /// <summary>The worker skipped the item because its job was cancelled before it started.</summary>
    Skipped,
}
