using System.Text.Json;

namespace Platform.Contracts.Http.Tasks;

/// <summary>One element of the `POST /api/v1/tasks` array; nullable so that the service says what is missing.</summary>
public sealed record TaskImport(string? Id, string? Content, JsonElement? Metadata);
