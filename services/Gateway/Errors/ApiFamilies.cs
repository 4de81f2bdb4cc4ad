namespace Platform.Gateway.Errors;

/// <summary>Which API a path belongs to, so that every refusal (also before any endpoint runs) takes that API's shape.</summary>
public static class ApiFamilies
{
    private static readonly PathString[] LlmPrefixes = ["/api/llm", "/api/v1/llm"];
    public static readonly PathString[] TransformerPrefixes = ["/api/v1/initialize", "/api/v1/forward", "/api/v1/status", "/api/v1/health"];

    public static ApiFamily Of(PathString path) =>
        LlmPrefixes.Any(path.StartsWithSegments) ? ApiFamily.Llm
        : path.StartsWithSegments("/v1") ? ApiFamily.OpenAi
        : path.StartsWithSegments("/inference") ? ApiFamily.Inference
        : TransformerPrefixes.Any(path.StartsWithSegments) ? ApiFamily.Transformer
        : path.StartsWithSegments("/ws") ? ApiFamily.WebSocket
        : ApiFamily.Annotation;
}
