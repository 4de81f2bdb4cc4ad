using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Jobs.OpenAiBatches;

public sealed record OpenAiErrorDetail(string Message, string Type, string? Param, string? Code);
