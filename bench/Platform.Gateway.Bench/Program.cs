// What the Gateway adds to a model call: the same non-streaming chat completions are sent to an
// in-process fake OpenAI-compatible upstream directly, then through a real Gateway process
// (`/v1/chat/completions` on a model declared in `Llm:Models`, local mode without keys).
//   dotnet run -c Release --project bench/Platform.Gateway.Bench [requests, default 2000] [concurrency, default 64] [model ms, default 100]
// Three runs: an upstream that takes the model time to answer, as a real model does (the Gateway's added latency);
// an upstream that answers at once (the cores saturate: capacity and CPU per call); and one call at a time.
// Uses ConnectionStrings__postgres when set (the Gateway migrates and writes usage records there),
// otherwise starts a private PostgreSQL in a temporary directory and removes it afterwards.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
