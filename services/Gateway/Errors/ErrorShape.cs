namespace Platform.Gateway.Errors;

/// <summary>One API family's error body for a <see cref="PlatformError"/>; the status is always the catalogue's.</summary>
public abstract class ErrorShape
{
    private static readonly Dictionary<ApiFamily, ErrorShape> Shapes = new()
    {
        [ApiFamily.Annotation] = new AnnotationErrorShape(),
        [ApiFamily.Inference] = new InferenceErrorShape(),
        [ApiFamily.Transformer] = new TransformerErrorShape(),
        [ApiFamily.Llm] = new LlmErrorShape(),
        [ApiFamily.OpenAi] = new OpenAiErrorShape(),
        [ApiFamily.WebSocket] = new WebSocketErrorShape(),
    };

    public static ErrorShape Of(ApiFamily family) => Shapes[family];

    public abstract IResult Render(HttpContext context, PlatformError refusal);
}
