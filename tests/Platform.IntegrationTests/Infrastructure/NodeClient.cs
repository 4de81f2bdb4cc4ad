using System.Diagnostics;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// Runs a script of `tests/clients/node` (OpenAI's official Node client, installed by scripts/prerequisites.sh) against a
/// Gateway's `/v1`, configured with nothing but OPENAI_BASE_URL and OPENAI_API_KEY, and reads the JSON it prints.
/// </summary>
public static class NodeClient
{
    private static readonly string ClientDirectory = Path.Combine(RepoPaths.Root, "tests", "clients", "node");

    public static async Task<JsonNode> RunAsync(Uri gateway, string script, TimeSpan timeout, params string[] arguments)
    {
        Assert.That(Path.Combine(ClientDirectory, "node_modules", "openai"), Does.Exist,
            "the Node client is not installed: run scripts/prerequisites.sh (npm ci in tests/clients/node)");
        var start = new ProcessStartInfo("node") { WorkingDirectory = ClientDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["OPENAI_BASE_URL"] = new Uri(gateway, "v1").ToString();
        start.Environment["OPENAI_API_KEY"] = "sk-platform-key";
        using var node = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(timeout);
        var output = node.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = node.StandardError.ReadToEndAsync(deadline.Token);
        await node.WaitForExitAsync(deadline.Token);
        Assert.That(node.ExitCode, Is.Zero, await error);
        return JsonNode.Parse(await output)!;
    }
}
