using System.Text.Json;

namespace Platform.Contracts.Http.Tasks;

/// <summary>`GET /api/v1/tasks/{task_id}`.</summary>
public sealed record TaskView(string Id, string Content, JsonElement? Metadata, DateTime CreatedAt, DateTime UpdatedAt);
