using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.AppHost;

/// <summary>The README's first command as a user runs it: the AppHost, its demo, and a clean stop.</summary>
public sealed class AppHostTests
{
    private const string DemoKey = "sk-demo-canary-31f0";

    [Test]
    public async Task Runs_the_demo_then_a_second_run_finds_the_jobs_and_sigterm_leaves_no_process()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Respond = _ => UpstreamReply.Text("""{"sentiment": "negative", "confidence": 0.77, "reasoning": "fake"}""");
        var dataDirectory = Directory.CreateTempSubdirectory("apphost-test-").FullName;
        Process? second = null;
        try
        {
            var gatewayUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
            var (exitCode, output) = await RunToExitAsync(gatewayUrl, dataDirectory, upstream, "--exit-after-demo");

            Assert.That(exitCode, Is.EqualTo(0), string.Join('\n', output.TakeLast(40)));
            Assert.That(output, Has.Some.Contains("review_001").And.Contains("negative"), "the results table lists the sample tasks");
            Assert.That(output.Where(line => line.Contains(DemoKey, StringComparison.Ordinal)), Is.Empty);
            Assert.That(upstream.Calls.Count, Is.EqualTo(12), "one call per sample review");
            Assert.That(Leftovers(dataDirectory), Is.Empty, "the first run left no server behind");

            second = StartAppHost(gatewayUrl, dataDirectory, upstream, new ConcurrentQueue<string>(), "--no-demo");
            // DCP's proxy accepts connections before the Gateway behind it answers: short tries, repeated.
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = gatewayUrl, Timeout = TimeSpan.FromSeconds(5) };
            await GatewayApi.EventuallyAsync(() => IsUp(client), TimeSpan.FromMinutes(2), "the second run's Gateway answers");
            var jobs = (await client.GetFromJsonAsync<JsonNode>("/api/v1/ai/batch"))!;
            Assert.That(jobs["jobs"]![0]!["status"]!.GetValue<string>(), Is.EqualTo("completed"), "the demo's job survived the restart");

            Terminate(second);
            Assert.That(second.WaitForExit(TimeSpan.FromMinutes(1)), Is.True, "SIGTERM stops the AppHost");
            Assert.That(second.ExitCode, Is.EqualTo(0));
            Assert.That(Leftovers(dataDirectory), Is.Empty, "SIGTERM left no server behind");
        }
        finally
        {
            if (second is { HasExited: false })
            {
                Terminate(second);
                second.WaitForExit(TimeSpan.FromMinutes(1));
            }

            second?.Dispose();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<(int ExitCode, List<string> Output)> RunToExitAsync(Uri gatewayUrl, string dataDirectory,
        FakeOpenAiUpstream upstream, string flag)
    {
        var output = new ConcurrentQueue<string>();
        using var appHost = StartAppHost(gatewayUrl, dataDirectory, upstream, output, flag);
        await appHost.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(8)).Token);
        return (appHost.ExitCode, output.ToList());
    }

    private static Process StartAppHost(Uri gatewayUrl, string dataDirectory, FakeOpenAiUpstream upstream, ConcurrentQueue<string> output,
        string flag)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", RepoPaths.ServiceAssembly("AppHost", "Platform.AppHost"), flag, "--gateway-url", gatewayUrl.ToString(),
                "--data-dir", dataDirectory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Inference__Url"] = "", // seed 001's fixed port 8009 stays free for whoever else runs on this machine
                // What the AppHost's launch profile gives `dotnet run`, on ports of the test's own.
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}",
                ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort.Next()}",
                ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort.Next()}",
                ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
                ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true",
                ["Demo__Model__model_type"] = "openai",
                ["Demo__Model__model_name"] = "demo-model",
                ["Demo__Model__base_url"] = upstream.BaseUrl.ToString(),
                ["Demo__Model__api_key"] = DemoKey,
            },
        };
        start.Environment.Remove("ConnectionStrings__postgres");
        start.Environment.Remove("ConnectionStrings__rabbitmq");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { output.Enqueue(line.Data); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { output.Enqueue(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>What `kill` or an orchestrator sends.</summary>
    private static void Terminate(Process process) => Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    private static bool IsUp(HttpClient client)
    {
        try
        {
            using var response = client.GetAsync("/health/ready").GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Processes of the AppHost's servers still alive: the postmaster and the Erlang VM name the data
    /// directory on their command line; epmd does not, but it runs in the node's directory. Other test
    /// runs on the machine have servers of their own, which name other directories.
    /// </summary>
    private static List<string> Leftovers(string dataDirectory) => Process.GetProcesses()
        .Select(process => (process.Id, CommandLine: CommandLine(process.Id)))
        .Where(process => process.CommandLine.Contains(dataDirectory, StringComparison.Ordinal)
                          || WorkingDirectory(process.Id).StartsWith(dataDirectory, StringComparison.Ordinal))
        .Select(process => $"{process.Id}: {process.CommandLine}")
        .ToList();

    private static string WorkingDirectory(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/cwd").LinkTarget ?? "";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
