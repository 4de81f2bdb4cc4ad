// What the Gateway adds to a model call: the same non-streaming chat completions are sent to an
// in-process fake OpenAI-compatible upstream directly, then through a real Gateway process
// (`/v1/chat/completions` on a model declared in `Llm:Models`, local mode without keys).
//   dotnet run -c Release --project bench/Platform.Gateway.Bench [requests, default 2000] [concurrency, default 64] [model ms, default 100]
// Three runs: an upstream that takes the model time to answer, as a real model does (the Gateway's added latency);
// an upstream that answers at once (the cores saturate: capacity and CPU per call); and one call at a time.
// Uses ConnectionStrings__postgres when set (the Gateway migrates and writes usage records there),
// otherwise starts a private PostgreSQL in a temporary directory and removes it afterwards.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.AppHost.Local;

// The tiered JIT keeps recompiling the hot path with profile data for some 20 s of full load.
var warmUp = TimeSpan.FromSeconds(25);
const int SequentialCalls = 300;
const string PublicModel = "bench-model";
const string UpstreamModel = "bench-upstream";

var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
var modelTime = TimeSpan.FromMilliseconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100);
Console.WriteLine($"load average at start: {MachineLoad.Average()}  ({Environment.ProcessorCount} cores)");

// The upstream answers with a fixed completion and usage after `upstreamDelay`, so that all the difference is the Gateway.
var upstreamDelay = TimeSpan.Zero;
var upstreamAnswer = Encoding.UTF8.GetBytes($$$"""
    {"id":"chatcmpl-bench","object":"chat.completion","created":1767225600,"model":"{{{UpstreamModel}}}",
     "choices":[{"index":0,"message":{"role":"assistant","content":"{\"sentiment\": \"positive\", \"confidence\": 0.95}"},"finish_reason":"stop"}],
     "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}
    """);
var upstreamBuilder = WebApplication.CreateSlimBuilder();
upstreamBuilder.WebHost.UseUrls("http://127.0.0.1:0");
upstreamBuilder.Logging.ClearProviders();
await using var upstream = upstreamBuilder.Build();
upstream.MapPost("/v1/chat/completions", async context =>
{
    await context.Request.Body.CopyToAsync(Stream.Null);
    if (upstreamDelay > TimeSpan.Zero) await Task.Delay(upstreamDelay);
    context.Response.ContentType = "application/json";
    await context.Response.Body.WriteAsync(upstreamAnswer);
});
await upstream.StartAsync();
var upstreamUrl = new Uri(upstream.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__postgres");
var scratch = Path.Combine(Path.GetTempPath(), $"gateway-bench-{Guid.NewGuid():N}");
PostgresServer? postgres = null;
if (connectionString is null)
{
    postgres = await PostgresServer.StartAsync(scratch, _ => { });
    connectionString = await postgres.CreateDatabaseAsync("gateway_bench");
}

var gatewayUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
var gateway = ServiceProcess.Start("gateway", RepoPaths.ServiceAssembly("services/Gateway", "Platform.Gateway"), new Dictionary<string, string>
{
    ["ASPNETCORE_URLS"] = gatewayUrl.ToString(),
    ["ConnectionStrings__postgres"] = connectionString,
    ["Secrets__EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    // Required settings; the chat completions path never calls either service.
    ["Services__Jobs__BaseUrl"] = "http://127.0.0.1:9/",
    ["Services__Transformer__BaseUrl"] = "http://127.0.0.1:9/",
    ["Providers__AllowLoopback"] = "true",
    ["Llm__Models__0__Id"] = PublicModel,
    ["Llm__Models__0__ModelType"] = "openai",
    ["Llm__Models__0__ModelName"] = UpstreamModel,
    ["Llm__Models__0__BaseUrl"] = new Uri(upstreamUrl, "v1/").ToString(),
    ["Llm__Models__0__ApiKey"] = "sk-bench-upstream",
}, _ => { });

try
{
    await gateway.WaitReadyAsync(new Uri(gatewayUrl, "health/ready"), TimeSpan.FromSeconds(120));
    using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
    var direct = new Target(client, new Uri(upstreamUrl, "v1/chat/completions"), UpstreamModel);
    var throughGateway = new Target(client, new Uri(gatewayUrl, "v1/chat/completions"), PublicModel);

    await direct.RunAsync(requests, concurrency);
    Console.WriteLine($"warming up the Gateway for {warmUp.TotalSeconds:F0} s");
    await throughGateway.RunForAsync(warmUp, concurrency);

    upstreamDelay = modelTime;
    Console.WriteLine();
    Console.WriteLine($"{requests:N0} non-streaming chat completions, {concurrency} concurrent, the upstream answering after {modelTime.TotalMilliseconds:F0} ms");
    var added = Compare(await direct.RunAsync(requests, concurrency), await throughGateway.RunAsync(requests, concurrency), modelTime);
    Console.WriteLine($"added by the Gateway: p50 {added.P50:+0.00;-0.00} ms, p99 {added.P99:+0.00;-0.00} ms (aim: under 2 ms at p50)");

    upstreamDelay = TimeSpan.Zero;
    Console.WriteLine();
    Console.WriteLine($"{requests:N0} calls, {concurrency} concurrent, the upstream answering at once: the cores saturate and calls queue for them");
    var directRun = await direct.RunAsync(requests, concurrency);
    var gatewayCpuBefore = ProcessCpu(gateway.Id);
    var gatewayRun = await throughGateway.RunAsync(requests, concurrency);
    var gatewayCpu = ProcessCpu(gateway.Id) - gatewayCpuBefore;
    added = Compare(directRun, gatewayRun, TimeSpan.Zero);
    Console.WriteLine($"added by the Gateway: p50 {added.P50:+0.00;-0.00} ms, p99 {added.P99:+0.00;-0.00} ms, of which queueing for the cores is most");
    // Unlike the latencies, this hardly depends on what else the machine runs.
    Console.WriteLine($"Gateway process CPU time: {gatewayCpu.TotalMilliseconds / requests:F2} ms per call (background usage writes included)");

    // One call at a time there is no queueing on the cores: the difference is the Gateway's own time per call.
    var directAlone = await direct.RunAsync(SequentialCalls, 1);
    var gatewayAlone = await throughGateway.RunAsync(SequentialCalls, 1);
    Console.WriteLine();
    Console.WriteLine($"one at a time ({SequentialCalls} calls, the upstream answering at once): direct p50 {directAlone.Percentile(0.50):F2} ms, " +
        $"through the Gateway p50 {gatewayAlone.Percentile(0.50):F2} ms, added p50 {gatewayAlone.Percentile(0.50) - directAlone.Percentile(0.50):+0.00;-0.00} ms, " +
        $"p99 {gatewayAlone.Percentile(0.99) - directAlone.Percentile(0.99):+0.00;-0.00} ms");
    Console.WriteLine($"load average at end: {MachineLoad.Average()}");
}
finally
{
    await gateway.DisposeAsync();
    await upstream.StopAsync();
    if (postgres is not null)
    {
        await postgres.DisposeAsync();
        Directory.Delete(scratch, recursive: true);
    }
}

// utime + stime of /proc/<pid>/stat, in clock ticks of 1/100 s (USER_HZ on Linux).
static TimeSpan ProcessCpu(int pid)
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return TimeSpan.FromMilliseconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10);
}

// The histograms start at the model time, so that they picture what is added to it.
static (double P50, double P99) Compare(LoadRun direct, LoadRun throughGateway, TimeSpan modelTime)
{
    direct.Print("direct to the fake upstream", modelTime.TotalMilliseconds);
    throughGateway.Print("through the Gateway", modelTime.TotalMilliseconds);
    return (throughGateway.Percentile(0.50) - direct.Percentile(0.50), throughGateway.Percentile(0.99) - direct.Percentile(0.99));
}

/// <summary>An OpenAI-compatible chat completions endpoint, called with the same small request every time.</summary>
internal sealed class Target(HttpClient client, Uri url, string model)
{
    private readonly byte[] _body = Encoding.UTF8.GetBytes($$$"""
        {"model":"{{{model}}}","messages":[{"role":"user","content":"情感分析，只输出 JSON：今天天气真好，心情很愉快！"}],"max_tokens":64}
        """);

    /// <summary>Sends <paramref name="calls"/> requests from <paramref name="concurrency"/> callers; any answer but 200 fails the run.</summary>
    public async Task<LoadRun> RunAsync(int calls, int concurrency)
    {
        var latencies = new double[calls];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var stealBefore = MachineLoad.StolenTime();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var index = Interlocked.Increment(ref next); index < calls; index = Interlocked.Increment(ref next))
            {
                latencies[index] = await CallAsync();
            }
        })));
        var wall = Stopwatch.GetElapsedTime(started);
        return new LoadRun(latencies, wall, (MachineLoad.StolenTime() - stealBefore) / (wall * Environment.ProcessorCount));
    }

    /// <summary>Keeps <paramref name="concurrency"/> callers busy for <paramref name="duration"/>.</summary>
    public async Task RunForAsync(TimeSpan duration, int concurrency)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until) await CallAsync();
        })));
    }

    private async Task<double> CallAsync()
    {
        var started = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(url, content);
        var answer = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return response.IsSuccessStatusCode
            ? elapsed
            : throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {answer}");
    }
}

/// <summary>The latencies of one run, in milliseconds, and how long it took.</summary>
internal sealed class LoadRun
{
    private static readonly double[] BucketBoundsMs = [0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256];
    private const int BarWidth = 40;

    private readonly double[] _sorted;
    private readonly TimeSpan _wall;
    private readonly double _stolenFraction;

    /// <param name="stolenFraction">The share of the cores' time the hypervisor gave to other machines during the run.</param>
    public LoadRun(double[] latenciesMs, TimeSpan wall, double stolenFraction)
    {
        _sorted = [.. latenciesMs.Order()];
        _wall = wall;
        _stolenFraction = stolenFraction;
    }

    public double Percentile(double fraction) => _sorted[Math.Max(0, (int)Math.Ceiling(fraction * _sorted.Length) - 1)];

    /// <summary>Prints the percentiles and a histogram of the latencies over <paramref name="baselineMs"/> + 0.5, 1, 2, … 256 ms.</summary>
    public void Print(string name, double baselineMs)
    {
        Console.WriteLine();
        Console.WriteLine($"{name}: p50 {Percentile(0.50):F2} ms  p90 {Percentile(0.90):F2} ms  p99 {Percentile(0.99):F2} ms  " +
            $"max {_sorted[^1]:F2} ms  throughput {_sorted.Length / _wall.TotalSeconds:N0} req/s  (CPU stolen by the host: {_stolenFraction:P0})");
        var counts = new int[BucketBoundsMs.Length + 1];
        foreach (var latency in _sorted)
        {
            var bucket = Array.FindIndex(BucketBoundsMs, bound => latency <= baselineMs + bound);
            counts[bucket < 0 ? BucketBoundsMs.Length : bucket]++;
        }

        var first = Array.FindIndex(counts, count => count > 0);
        var last = Array.FindLastIndex(counts, count => count > 0);
        for (var bucket = first; bucket <= last; bucket++)
        {
            var label = bucket < BucketBoundsMs.Length ? $"<= {baselineMs + BucketBoundsMs[bucket],5:0.#} ms" : $" > {baselineMs + BucketBoundsMs[^1],5:0.#} ms";
            var bar = new string('#', (int)Math.Ceiling((double)counts[bucket] * BarWidth / counts.Max()));
            Console.WriteLine($"  {label} | {bar,-BarWidth} {counts[bucket],6:N0}");
        }
    }
}
