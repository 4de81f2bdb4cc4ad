using Npgsql;
using Platform.Testing.Upstreams;

namespace Platform.Batch.Bench;

/// <summary>
/// Where one turn of a window slot goes besides the upstream's latency: the worker before its call and after it
/// (from the item's start and finish times against the upstream's receipt), and the hand-back from a finished item to
/// the start of the item that refills its slot (the result's publish, Jobs' transaction, the refill's send and
/// delivery). The k-th finish frees the slot of the (window + k)-th start, so sorted finishes pair with sorted starts.
/// </summary>
internal static class TurnBreakdown
{
    public static async Task PrintAsync(string database, string jobId, int window, FakeOpenAiUpstream upstream)
    {
        var received = upstream.Calls.GroupBy(call => call.Prompt).ToDictionary(calls => calls.Key, calls => calls.Min(call => call.ReceivedAt));
        var items = new List<(DateTimeOffset Started, DateTimeOffset Received, DateTimeOffset Finished)>();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT task_id, started_at, finished_at FROM jobs.job_items WHERE job_id = @job ORDER BY sequence", connection);
            command.Parameters.AddWithValue("job", jobId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                items.Add((reader.GetFieldValue<DateTimeOffset>(1), received[$"bench {reader.GetString(0)}"], reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        var starts = items.Select(item => item.Started).Order().ToList();
        var finishes = items.Select(item => item.Finished).Order().ToList();
        var handBacks = finishes.Take(starts.Count - window).Select((finished, k) => (starts[window + k] - finished).TotalMilliseconds);
        var latency = upstream.Latency.TotalMilliseconds;
        Console.WriteLine($"  a turn besides the upstream's {latency:F0} ms (median / 90th percentile): " +
            $"worker before the call {Spread(items.Select(item => (item.Received - item.Started).TotalMilliseconds))}, " +
            $"after it {Spread(items.Select(item => (item.Finished - item.Received).TotalMilliseconds - latency))}, " +
            $"hand-back to the next item's start {Spread(handBacks)}");
    }

    private static string Spread(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return sorted.Length == 0 ? "n/a" : $"{sorted[sorted.Length / 2]:F1} / {sorted[sorted.Length * 9 / 10]:F1} ms";
    }
}
