using Platform.Contracts.Http.Models;

namespace Platform.Gateway.Models;

/// <summary>`replace: true` takes over a model name that already serves another model (declared, configured or of another type).</summary>
public sealed record RegisterModelRequest(string? ModelType, string? ModelName, string? Version, AiModelConfig? Config, string? Description,
    bool? Replace = null);
