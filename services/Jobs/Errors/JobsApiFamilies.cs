namespace Platform.Jobs.Errors;

/// <summary>The Jobs service's two APIs, each answering in its own error shape: OpenAI's Files and Batch API under `/v1`, seed 000's elsewhere.</summary>
public static class JobsApiFamilies
{
    private static readonly PathString OpenAiPrefix = "/v1";

    public static bool IsOpenAi(PathString path) => path.StartsWithSegments(OpenAiPrefix);
}
