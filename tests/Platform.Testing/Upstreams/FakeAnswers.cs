namespace Platform.Testing.Upstreams;

/// <summary>Answers the fakes give, for tests to compare with what the platform returns.</summary>
public static class FakeAnswers
{
    /// <summary>Bare JSON, as an annotation prompt asks for.</summary>
    public const string Annotation = """{"sentiment": "positive", "confidence": 0.9, "reasoning": "fake"}""";

    /// <summary>A chat model's usual answer: prose around a fenced JSON block.</summary>
    public const string Sentiment = "Here is the analysis:\n```json\n{\"sentiment\": \"negative\", \"confidence\": 0.8}\n```";
}
