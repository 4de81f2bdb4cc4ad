using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Errors;
using Platform.Providers.Resilience;

namespace Platform.UnitTests.Gateway;

/// <summary>One status per failure whatever the API family, each family in its documented shape.</summary>
public sealed class ErrorCatalogueTests
{
    private static readonly string[] FamilyPaths = ["/api/v1/ai/predict", "/inference/infer", "/api/v1/forward", "/api/llm/generate", "/v1/chat/completions", "/ws/inference"];

    private static IEnumerable<TestCaseData> ProviderFailures()
    {
        yield return new TestCaseData(new ProviderException(ProviderErrorCode.ApiKeyInvalid, "key refused", false, HttpStatusCode.Unauthorized), 502);
        yield return new TestCaseData(ProviderException.Timeout("m", TimeSpan.FromSeconds(3)), 504);
        yield return new TestCaseData(new ProviderException(ProviderErrorCode.ModelUnavailable, "overloaded", true, HttpStatusCode.ServiceUnavailable), 503);
        yield return new TestCaseData(new ProviderException(ProviderErrorCode.ModelUnavailable, "failed", true, HttpStatusCode.InternalServerError), 502);
        yield return new TestCaseData(new ProviderException(ProviderErrorCode.RateLimitExceeded, "slow down", true, HttpStatusCode.TooManyRequests,
            TimeSpan.FromSeconds(2.2)), 429);
    }

    [TestCaseSource(nameof(ProviderFailures))]
    public async Task A_provider_failure_has_one_status_in_every_family(ProviderException failure, int expected)
    {
        foreach (var path in FamilyPaths)
        {
            var (status, headers, _) = await RenderAsync(path, new PlatformError(ErrorCatalogue.KindOf(failure), failure.Message) { RetryAfter = failure.RetryAfter });
            Assert.That(status, Is.EqualTo(expected), path);
            Assert.That(headers.RetryAfter.ToString(), Is.EqualTo(failure.RetryAfter is null ? "" : "3"), path);
        }
    }

    [TestCase("/api/v1/ai/batch", "$.error", "Internal Server Error")]
    [TestCase("/inference/infer", "$.error.code", "INTERNAL_ERROR")]
    [TestCase("/api/v1/initialize", "$.error_code", "INTERNAL_ERROR")]
    [TestCase("/api/llm/models", "$.error.code", "INTERNAL_ERROR")]
    [TestCase("/v1/models", "$.error.code", "internal_error")]
    [TestCase("/ws/inference", "$.error.code", "INTERNAL_ERROR")]
    public async Task An_internal_error_is_500_in_the_family_shape(string path, string field, string expected)
    {
        var (status, _, body) = await RenderAsync(path, new PlatformError(ErrorKind.Internal, "boom"));

        Assert.That(status, Is.EqualTo(500));
        var node = field.Split('.').Skip(1).Aggregate((JsonNode?)body, (json, name) => json?[name]);
        Assert.That(node?.GetValue<string>(), Is.EqualTo(expected), body.ToJsonString());
    }

    private static async Task<(int Status, IHeaderDictionary Headers, JsonNode Body)> RenderAsync(string path, PlatformError error)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(options => Microsoft.Extensions.Hosting.ServiceDefaultsExtensions.ConfigureJson(options.SerializerOptions));
        var context = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        await error.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, context.Response.Headers, JsonNode.Parse(context.Response.Body)!);
    }
}
