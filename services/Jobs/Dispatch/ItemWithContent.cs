using Platform.Jobs.Domain;

namespace Platform.Jobs.Dispatch;

/// <summary>A tracked item with its task's text, for the sweeper to send again.</summary>
public sealed record ItemWithContent(JobItem Item, string Content);
