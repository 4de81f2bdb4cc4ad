using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

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
