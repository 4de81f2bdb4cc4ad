namespace Platform.Jobs.OpenAiBatches;

/// <summary>A finished batch's files (null when it has no such lines) and how many lines each holds.</summary>
public sealed record WrittenOutput(string? OutputFileId, string? ErrorFileId, int Completed, int Failed);
