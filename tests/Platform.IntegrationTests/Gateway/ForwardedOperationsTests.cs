using System.Text.Json.Nodes;
using Platform.Contracts.Http.Routes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Gateway;

/// <summary>
/// The operations Jobs and the TransformerWorker serve, read from their own OpenAPI documents, are all in the Gateway's,
/// with the same tag and summary: each service maps its public routes from its list in Platform.Contracts, and the Gateway
/// documents that list, so a route mapped outside it fails here instead of going missing from the Gateway's document.
/// </summary>
public sealed class ForwardedOperationsTests
{
    /// <summary>
    /// The worker's OpenAI-compatible local generation and its model cache: the Gateway calls them itself (as the local
    /// provider, and for seed 001's cache API) and answers `/v1` with its own OpenAI API, so it neither forwards nor lists them.
    /// </summary>
    private static readonly string[] WorkerRoutesCalledByTheGateway = ["/v1/", "/cache/"];

    private static RunningPlatform Stack => PlatformFixture.Stack;

    [Test]
    public async Task Every_operation_of_the_jobs_service_is_in_the_gateway_document()
    {
        var jobs = await OperationsAsync(Stack.JobsUrl);
        var gateway = await OperationsAsync(Stack.GatewayUrl);

        Assert.That(jobs.Select(operation => operation.Name), Is.SupersetOf(JobsOperations.All.Select(operation => operation.ToString())));
        Assert.That(jobs.Except(gateway), Is.Empty, "served by Jobs but missing from the Gateway's document");
    }

    [Test]
    public async Task Every_public_operation_of_the_transformer_worker_is_in_the_gateway_document()
    {
        var worker = await OperationsAsync(Stack.TransformerWorkerUrls[0]);
        var published = worker.Where(operation => !WorkerRoutesCalledByTheGateway.Any(operation.Path.StartsWith)).ToList();
        var gateway = await OperationsAsync(Stack.GatewayUrl);

        Assert.That(published.Select(operation => operation.Name), Is.SupersetOf(TransformerOperations.All.Select(operation => operation.ToString())));
        Assert.That(published.Except(gateway), Is.Empty, "served by the TransformerWorker but missing from the Gateway's document");
    }

    private static async Task<List<DocumentedOperation>> OperationsAsync(Uri service)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = service };
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        return
        [
            .. document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(operation => new DocumentedOperation(
                operation.Key.ToUpperInvariant(), path.Key.TrimEnd('/'),
                string.Join(", ", operation.Value!["tags"]?.AsArray().Select(tag => tag!.GetValue<string>()) ?? []),
                operation.Value!["summary"]?.GetValue<string>()))),
        ];
    }

    private sealed record DocumentedOperation(string Method, string Path, string Tags, string? Summary)
    {
        public string Name => $"{Method} {Path}";
    }
}
