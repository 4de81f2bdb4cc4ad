using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.Transformer;
using Platform.Transformer.Kernels;

// The GPT-2 124M forward pass through the Gateway (Gateway -> TransformerWorker, Release builds as the AppHost
// runs them) against the engine's own forward in this process, at the same lengths, in the same run.
// Figures, not a pass/fail test: run with `dotnet run -c Release --project bench/Platform.TransformerForward.Bench`.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Runs = 9;
const int WarmUps = 5; // tiered compilation settles within a few passes, in this process and in the worker alike
int[] lengths = [128, 1024];
Console.WriteLine($"load average at start: {MachineLoad.Average()}  ({Environment.ProcessorCount} cores)");

var config = new TransformerConfig();
var engineMs = await EngineMedianMsAsync(config, lengths);
GC.Collect(); // the worker loads its own copy of the weights; give this one back first

var scratch = Path.Combine(Path.GetTempPath(), $"forward-bench-{Guid.NewGuid():N}");
var log = (string _) => { };
var postgres = await PostgresServer.StartAsync(Path.Combine(scratch, "postgres"), log);
var rabbitMq = await RabbitMqServer.StartAsync(Path.Combine(scratch, "rabbitmq"), log);
var database = await postgres.CreateDatabaseAsync("forward_bench");
var environment = new Dictionary<string, string>
{
    ["ConnectionStrings__postgres"] = database,
    ["ConnectionStrings__rabbitmq"] = rabbitMq.ConnectionString,
    ["Secrets__EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    ["Services__Jobs__BaseUrl"] = "http://127.0.0.1:9/", // required; the transformer API never calls Jobs
};
var workerUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
var worker = ServiceProcess.Start("transformer-worker", RepoPaths.ServiceAssembly("workers/TransformerWorker", "Platform.TransformerWorker"),
    new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = workerUrl.ToString() }, log);
var gatewayUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
var gateway = ServiceProcess.Start("gateway", RepoPaths.ServiceAssembly("services/Gateway", "Platform.Gateway"),
    new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = gatewayUrl.ToString(), ["Services__Transformer__BaseUrl"] = workerUrl.ToString() }, log);
using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = gatewayUrl, Timeout = TimeSpan.FromMinutes(5) };
var text = string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog ", 200));
try
{
    await worker.WaitReadyAsync(new Uri(workerUrl, "health/ready"), TimeSpan.FromMinutes(2));
    await gateway.WaitReadyAsync(new Uri(gatewayUrl, "health/ready"), TimeSpan.FromMinutes(2));

    using (var initialized = await client.GetAsync("/api/v1/initialize"))
    {
        initialized.EnsureSuccessStatusCode();
    }
    Console.WriteLine();
    Console.WriteLine($"GPT-2 {config.NLayer} layers, {config.NEmbed} wide; median of {Runs} forward passes each after {WarmUps} to warm up");
    Console.WriteLine($"{"T",6} {"engine ms",10} {"worker ms",10} {"gateway ms",11} {"ratio",6}");
    foreach (var length in lengths)
    {
        for (var i = 0; i < WarmUps; i++)
        {
            await ForwardAsync(length);
        }
        var serverSeconds = new List<double>();
        var roundTrip = await MedianAsync(Runs, async () => serverSeconds.Add(await ForwardAsync(length)));
        serverSeconds.Sort();
        Console.WriteLine($"{length,6} {engineMs[length],10:F1} {serverSeconds[Runs / 2] * 1000,10:F1} {roundTrip,11:F1} {roundTrip / engineMs[length],5:F2}x");
    }
    Console.WriteLine("engine: GptModel.Forward in this process; worker: the worker's own timing (processing_time);");
    Console.WriteLine("gateway: POST /api/v1/forward round trip through the Gateway; ratio = gateway / engine (target: at most 1.2x)");
    Console.WriteLine($"load average at end: {MachineLoad.Average()}");
}
finally
{
    // Stopped before their data directory goes.
    foreach (var stopping in new IAsyncDisposable[] { gateway, worker, rabbitMq, postgres })
    {
        await stopping.DisposeAsync();
    }
    Directory.Delete(scratch, recursive: true);
}

async Task<double> ForwardAsync(int length)
{
    using var response = await client.PostAsJsonAsync("/api/v1/forward", new { text, max_length = length });
    var body = await response.Content.ReadFromJsonAsync<JsonNode>();
    if (!response.IsSuccessStatusCode || body?["sequence_length"]?.GetValue<int>() != length)
    {
        throw new InvalidOperationException($"forward at T={length} answered {(int)response.StatusCode}: {body?.ToJsonString()}");
    }
    return body["processing_time"]!.GetValue<double>();
}

static async Task<Dictionary<int, double>> EngineMedianMsAsync(TransformerConfig config, int[] lengths)
{
    using var gang = new WorkerGang(WorkerGang.MaxThreads); // as the worker runs its models
    var engine = GptModel.Create(config, seed: 1337, gang);
    var medians = new Dictionary<int, double>();
    foreach (var length in lengths)
    {
        var tokens = Enumerable.Range(0, length).Select(i => i * 7919 % config.VocabSize).ToArray();
        var logits = new float[length * config.VocabSize];
        for (var i = 0; i < WarmUps; i++)
        {
            engine.Forward(tokens, logits);
        }
        medians[length] = await MedianAsync(Runs, () =>
        {
            engine.Forward(tokens, logits);
            return Task.CompletedTask;
        });
    }
    return medians;
}

static async Task<double> MedianAsync(int runs, Func<Task> run)
{
    var times = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await run();
        times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
    Array.Sort(times);
    return times[runs / 2];
}
