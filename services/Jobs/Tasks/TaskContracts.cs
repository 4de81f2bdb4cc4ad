using System.Text.Json;

namespace Platform.Jobs.Tasks;

/// <summary>One element of the `POST /api/v1/tasks` array.</summary>
public sealed record TaskImport(string? Id, string? Content, JsonElement? Metadata);

public sealed record TasksImported(int Imported, int Created, int Updated, IReadOnlyList<string> TaskIds);

public sealed record TaskView(string Id, string Content, JsonElement? Metadata, DateTime CreatedAt, DateTime UpdatedAt);
