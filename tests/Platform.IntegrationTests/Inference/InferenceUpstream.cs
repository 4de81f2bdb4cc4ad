namespace Platform.IntegrationTests.Inference;

/// <summary>A fake OpenAI-compatible provider for the Inference API's tests, failing by upstream model name.</summary>
public static class InferenceUpstream
{
    public const string RetryAfterSeconds = "7";

    public static async Task<FakeOpenAiUpstream> StartAsync()
    {
        var upstream = await FakeOpenAiUpstream.StartAsync();
        upstream.Respond = call => call.Body["model"]?.GetValue<string>() switch
        {
            { } model when model.StartsWith("fail-", StringComparison.Ordinal) => UpstreamReply.Error(500, "The server had an error"),
            { } model when model.StartsWith("limited-", StringComparison.Ordinal) => UpstreamReply.Error(429, "Rate limit reached", RetryAfterSeconds),
            _ => UpstreamReply.Text(FakeOpenAiUpstream.Answer),
        };
        return upstream;
    }
}
