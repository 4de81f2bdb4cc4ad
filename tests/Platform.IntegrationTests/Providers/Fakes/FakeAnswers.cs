namespace Platform.IntegrationTests.Providers.Fakes;

public static class FakeAnswers
{
    /// <summary>A chat model's usual answer: prose around a fenced JSON block.</summary>
    public const string Sentiment = "Here is the analysis:\n```json\n{\"sentiment\": \"negative\", \"confidence\": 0.8}\n```";
}
