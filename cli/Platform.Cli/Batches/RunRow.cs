using System.Text.Json.Nodes;

namespace Platform.Cli.Batches;

/// <summary>One input row and the task it became; rows without content become no task and are reported as skipped.</summary>
public sealed record RunRow(int Number, JsonObject Values, string? TaskId);
