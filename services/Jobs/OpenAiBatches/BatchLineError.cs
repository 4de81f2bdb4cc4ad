namespace Platform.Jobs.OpenAiBatches;

/// <summary>Why validation failed: one entry per bad line (<see cref="Line"/> counts from 1), or for the whole file.</summary>
public sealed record BatchLineError(string Code, string Message, string? Param, int? Line);
