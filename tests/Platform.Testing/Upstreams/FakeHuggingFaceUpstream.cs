using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Platform.Testing.Upstreams;

/// <summary>
/// HuggingFace's Inference API for text classification: `POST /models/{name}` with `{"inputs"}`,
/// answering a list of `{label, score}`; a loading model is 503 with `estimated_time` in the body.
/// </summary>
public sealed class FakeHuggingFaceUpstream : FakeUpstream
{
    /// <summary>The nested shape some pipelines answer, deliberately not sorted by score.</summary>
    public const string Classification = """[[{"label": "NEGATIVE", "score": 0.0125}, {"label": "POSITIVE", "score": 0.9875}]]""";

    private FakeHuggingFaceUpstream() : base(Classification)
    {
    }

    public static Task<FakeHuggingFaceUpstream> StartAsync() => StartAsync(new FakeHuggingFaceUpstream(), "/");

    protected override string StreamContentType => "application/json";

    /// <summary>The answer is the classification body itself.</summary>
    protected override Task WriteAnswerAsync(HttpContext context, UpstreamCall request, string content)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(content);
    }

    /// <summary>HuggingFace does not stream; a "broken stream" is the body cut off part-way.</summary>
    protected override IEnumerable<string> StreamChunks(UpstreamCall request, string content) => Pieces(content, 16);

    /// <summary>A 503 with a retry delay is HuggingFace's "model is loading", advertised as `estimated_time` in the body.</summary>
    protected override Task WriteErrorAsync(HttpContext context, UpstreamCall request, UpstreamReply.Failure failure)
    {
        context.Response.StatusCode = failure.StatusCode;
        return failure.RetryAfter is { } seconds
            ? context.Response.WriteAsJsonAsync(new { error = failure.Message, estimated_time = double.Parse(seconds, CultureInfo.InvariantCulture) })
            : context.Response.WriteAsJsonAsync(new { error = failure.Message });
    }
}
