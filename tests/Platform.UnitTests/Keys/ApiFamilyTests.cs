using Microsoft.AspNetCore.Http;
using Platform.Gateway.Errors;

namespace Platform.UnitTests.Keys;

public sealed class ApiFamilyTests
{
    [TestCase("/api/llm/generate", ApiFamily.Llm)]
    [TestCase("/api/v1/llm/models", ApiFamily.Llm)]
    [TestCase("/v1/chat/completions", ApiFamily.OpenAi)]
    [TestCase("/v1", ApiFamily.OpenAi)]
    [TestCase("/api/v1/ai/batch", ApiFamily.Annotation)]
    [TestCase("/api/v1/tasks", ApiFamily.Annotation)]
    [TestCase("/inference/infer", ApiFamily.Inference)]
    [TestCase("/api/v1/forward", ApiFamily.Transformer)]
    [TestCase("/api/v1/initialize", ApiFamily.Transformer)]
    [TestCase("/api/v1/health/ping", ApiFamily.Transformer)]
    [TestCase("/ws/inference", ApiFamily.WebSocket)]
    [TestCase("/api/llmx", ApiFamily.Annotation)]
    [TestCase("/v10/models", ApiFamily.Annotation)]
    public void Errors_take_the_shape_of_the_api_family_of_the_path(string path, ApiFamily expected)
    {
        Assert.That(ApiFamilies.Of(new PathString(path)), Is.EqualTo(expected));
    }
}
