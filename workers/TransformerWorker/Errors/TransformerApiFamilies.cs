namespace Platform.TransformerWorker.Errors;

/// <summary>
/// The TransformerWorker's two APIs, each answering in its own error shape: the OpenAI-compatible local generation under
/// `/v1`, seed 002's everywhere else.
/// </summary>
public static class TransformerApiFamilies
{
    private static readonly PathString OpenAiPrefix = "/v1";

    public static bool IsOpenAi(PathString path) => path.StartsWithSegments(OpenAiPrefix);
}
