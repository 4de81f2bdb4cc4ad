using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Inference;

/// <summary>One answer of the Inference API: status, parsed body and the response (for headers).</summary>
public sealed record InferenceAnswer(int Status, JsonNode Body, HttpResponseMessage Response)
{
    /// <summary>Asserts seed 001's error shape with <paramref name="code"/> and <paramref name="status"/>, and returns the error object.</summary>
    public JsonNode AssertError(int status, string code)
    {
        Assert.That(Status, Is.EqualTo(status), Body.ToJsonString());
        Assert.That(Body["success"]!.GetValue<bool>(), Is.False);
        Assert.That(Body["error"]!["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(Body["error"]!["type"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(Body["error"]!["message"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(Body["error"]!["details"], Is.Not.Null);
        Assert.That(Body["timestamp"]!.GetValue<double>(), Is.GreaterThan(1.7e9));
        return Body["error"]!;
    }

    public JsonNode AssertOk()
    {
        Assert.That(Status, Is.EqualTo(200), Body.ToJsonString());
        Assert.That(Body["success"]!.GetValue<bool>(), Is.True);
        return Body;
    }
}
